// Gives the benchmark real things to measure on a fresh demo server: one awarded credential
// (educator@ through enroll, answers, uploads, submit, assignment and a "Demonstrated" decision,
// all over the JSON API) for the public verification page, and a signed-in educator with an
// open tus upload of the given size on a video part. Prints one JSON line for bench/run.sh.
//   node bench/prepare.mjs BASE_URL UPLOAD_BYTES
import {client} from '../tests/e2e/lib/api_client.mjs';
import {enroll, earnedCredential} from '../tests/e2e/lib/api_journeys.mjs';

const [base, uploadBytes] = process.argv.slice(2);
const SLUG = 'responsive-serve-and-return';

const {award, educator} = await earnedCredential(base, SLUG);

// A second educator's open upload (the first one's attempt is decided and closed).
const uploader = client(base);
await uploader.signIn('educadora@demo.microcred.test');
const open = await enroll(uploader, SLUG);
const part = (await uploader.json('GET', `/api/v1/submissions/${open}`)).data.parts
  .find(p => p.kind === 'artifact' && p.accepted_types.includes('video'));
const upload = await uploader.createUpload({submission: open, part: part.id, name: 'bench.webm', type: 'video/webm', length: Number(uploadBytes)});
console.log(JSON.stringify({award, educator_cookie: educator.cookieHeader, upload, uploader_cookie: uploader.cookieHeader, uploader_csrf: uploader.csrfToken}));
