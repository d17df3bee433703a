// Gives the benchmark real things to measure on a fresh demo server: one awarded credential
// (educator@ through enroll, answers, uploads, submit, assignment and a "Demonstrated" decision,
// all over the JSON API) for the public verification page, and a signed-in educator with an
// open tus upload of the given size on a video part. Prints one JSON line for bench/run.sh.
//   node bench/prepare.mjs BASE_URL UPLOAD_BYTES
import {client} from '../tests/e2e/lib/api_client.mjs';
import {enroll, submittedSubmission, assessorWith, decide} from '../tests/e2e/lib/api_journeys.mjs';

const [base, uploadBytes] = process.argv.slice(2);
const SLUG = 'responsive-serve-and-return';

// One assessor decides: double scoring (by default the first submission of a version and a 20%
// sample) is turned off before anything is submitted, since a plan is fixed at first assignment.
const admin = client(base);
await admin.signIn('program.admin@demo.microcred.test');
const single = await admin.json('PUT', '/api/v1/assessment/settings', {double_share: 0, double_first_of_version: false});
if (single.status !== 200) throw new Error(`settings: ${single.status}`);
const educator = client(base);
await educator.signIn('educator@demo.microcred.test');
const submission = await submittedSubmission(educator, SLUG);
const assigned = await admin.json('POST', `/api/v1/submissions/${submission}/assign`, {});
if (assigned.status !== 201) throw new Error(`assign: ${assigned.status}`);
await decide(await assessorWith(base, assigned.data.id), assigned.data.id);
const wallet = await educator.page('/wallet');
const award = /href="\/credentials\/([^"/]+)"/.exec(wallet.html)?.[1];
if (!award) throw new Error('no credential in the wallet after the decision');

// A second educator's open upload (the first one's attempt is decided and closed).
const uploader = client(base);
await uploader.signIn('educadora@demo.microcred.test');
const open = await enroll(uploader, SLUG);
const part = (await uploader.json('GET', `/api/v1/submissions/${open}`)).data.parts
  .find(p => p.kind === 'artifact' && p.accepted_types.includes('video'));
const upload = await uploader.createUpload({submission: open, part: part.id, name: 'bench.webm', type: 'video/webm', length: Number(uploadBytes)});
console.log(JSON.stringify({award, educator_cookie: educator.cookieHeader, upload, uploader_cookie: uploader.cookieHeader, uploader_csrf: uploader.csrfToken}));
