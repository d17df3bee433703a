// Crash isolation (issue 8, finding 1): "a crash of one request must never take others with it".
// Pasted and uploaded credentials are checked in worker processes. With --test-crash-hooks given
// on the command line (and only then), an input holding MC-TEST-WORKER-CRASH makes the worker
// raise SIGSEGV and one holding MC-TEST-WORKER-HANG makes it loop forever. While such requests
// are in flight, ordinary checks must all succeed, the crashing and hanging requests get the
// "we could not check this file" answer in the visitor's language, and the server lives on.
// Bounded everywhere: fixed numbers of requests, a deadline on every request.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {startServer} from '../e2e/lib/harness.mjs';
import {client} from '../e2e/lib/api_client.mjs';
import {earnedCredential, enroll, uploadWhole} from '../e2e/lib/api_journeys.mjs';
import zlib from 'node:zlib';

const ORDINARY = 12;
const COULD_NOT_CHECK = {en: 'We could not check this file', es: 'No pudimos verificar este archivo'};
const NO_PREVIEW = {en: 'We could not make a small preview of this photo', es: 'No pudimos crear una vista previa pequeña de esta foto'};

let server;
let credential;
before(async () => {
  server = await startServer({args: ['--test-crash-hooks']});
  const {award, educator} = await earnedCredential(server.baseUrl, 'responsive-serve-and-return');
  const res = await educator.request('GET', `/credentials/${award}/credential.json`);
  assert.equal(res.status, 200);
  credential = await res.text();
});
after(async () => { await server?.stop(); });

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function visitor(base, lang = 'en') {
  const v = client(base);
  if (lang !== 'en') await v.request('GET', `/lang/${lang}?next=/verify`);
  await v.page('/verify');
  return {
    async check(text) {
      const started = Date.now();
      const res = await v.request('POST', '/verify', {
        body: new URLSearchParams({credential: text, _csrf: v.csrfToken}),
        headers: {'content-type': 'application/x-www-form-urlencoded'},
      });
      return {status: res.status, html: await res.text(), ms: Date.now() - started};
    },
  };
}

// A credential with a marker where the parsers will meet it (a string inside the document).
const marked = (text, marker) => text.replace('"name":', `"mcTestMarker":"${marker}","name":`);

test('a crashing and a hanging check fail alone while a dozen others succeed', {timeout: 120_000}, async () => {
  const pid = server.pid;
  const en = await visitor(server.baseUrl, 'en');
  const es = await visitor(server.baseUrl, 'es');
  const ordinary = Array.from({length: ORDINARY}, () => en.check(credential));
  const crash = es.check(marked(credential, 'MC-TEST-WORKER-CRASH'));
  const hang = en.check(marked(credential, 'MC-TEST-WORKER-HANG'));
  const results = await Promise.all(ordinary);
  results.forEach((r, i) => {
    assert.equal(r.status, 200, `ordinary check ${i} answered ${r.status}`);
    assert.match(r.html, /data-verdict="valid"/, `ordinary check ${i} is valid`);
  });

  const crashed = await crash;
  assert.equal(crashed.status, 422, 'the crashing check gets 422');
  assert.ok(crashed.html.includes(COULD_NOT_CHECK.es), 'the crashing check is told, in Spanish, that it could not be checked');
  assert.match(crashed.html, /data-verdict="could_not_check"/);

  const hung = await hang;
  assert.equal(hung.status, 422, 'the hanging check gets 422 once the time limit passes');
  assert.ok(hung.html.includes(COULD_NOT_CHECK.en), 'the hanging check is told it could not be checked');

  assert.ok(alive(pid), 'the server process is still alive');
  const log = server.log();
  assert.match(log, /verify: worker crashed: .*SIGSEGV/, 'the crash is logged with the signal');
  assert.match(log, /verify: worker timed out/, 'the hang is logged');

  // The pool replaced both workers: checks go on as before.
  const after = await Promise.all([en.check(credential), es.check(credential)]);
  for (const r of after) assert.match(r.html, /data-verdict="valid"/, 'a check after the crash is valid');
});

// A real PNG (64 x 48, its own colours) with an optional text chunk where a marker can sit.
function png(seed, text = '') {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const [w, h] = [64, 48];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) row.set([(x * 4 + seed * 37) & 255, (y * 5 + seed * 11) & 255, seed * 53 & 255], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    ...(text ? [chunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1'))] : []),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('a photo that crashes or stalls the decoder loses only its own preview', {timeout: 120_000}, async () => {
  const pid = server.pid;
  const educator = client(server.baseUrl);
  await educator.signIn('educator@demo.microcred.test');
  const submission = await enroll(educator, 'learning-center-redesign');
  const photos = [png(1), png(2), png(3), png(4), png(5, 'MC-TEST-WORKER-CRASH'), png(6, 'MC-TEST-WORKER-HANG')];
  const parts = ['artifact-1', 'artifact-1', 'artifact-1', 'artifact-2', 'artifact-2', 'artifact-2'];
  for (const [i, bytes] of photos.entries())
    await uploadWhole(educator, submission, parts[i], `aula-${i + 1}.png`, 'image/png', bytes);
  const {data} = await educator.json('GET', `/api/v1/submissions/${submission}`);
  const files = data.parts.flatMap(p => p.files);
  assert.equal(files.length, 6, 'six photos stored');
  const byName = Object.fromEntries(files.map(f => [f.name, f.id]));
  const ids = photos.map((_, i) => byName[`aula-${i + 1}.png`]);
  assert.ok(ids.every(Boolean), `every photo has an id: ${JSON.stringify(Object.keys(byName))}`);

  // The same educator on her phone in Spanish asks for the photo that crashes the decoder.
  const enPhone = client(server.baseUrl);
  await enPhone.signIn('educator@demo.microcred.test');
  const esPhone = client(server.baseUrl);
  await esPhone.signIn('educator@demo.microcred.test');
  await esPhone.request('GET', `/lang/es?next=/dashboard`);
  const thumb = async (who, id) => {
    const res = await who.request('GET', `/evidence/files/${id}/thumbnail`, {headers: {accept: 'text/html,image/*'}});
    const body = Buffer.from(await res.arrayBuffer());
    return {status: res.status, type: res.headers.get('content-type') ?? '', body};
  };
  const ordinary = ids.slice(0, 3).map(id => thumb(enPhone, id)); // the fourth waits until after the crash
  const crash = thumb(esPhone, ids[4]);
  const hang = thumb(enPhone, ids[5]);
  for (const [i, r] of (await Promise.all(ordinary)).entries()) {
    assert.equal(r.status, 200, `photo ${i + 1} has its preview`);
    assert.equal(r.type, 'image/jpeg');
    assert.deepEqual([...r.body.subarray(0, 3)], [0xff, 0xd8, 0xff], `photo ${i + 1}'s preview is a JPEG`);
  }
  const crashed = await crash;
  assert.equal(crashed.status, 422, 'the crashing photo answers 422');
  assert.ok(crashed.body.toString().includes(NO_PREVIEW.es), 'and says so in Spanish');
  const hung = await hang;
  assert.equal(hung.status, 422, 'the stalling photo answers 422 once the time limit passes');
  assert.ok(hung.body.toString().includes(NO_PREVIEW.en), 'and says so in English');
  assert.ok(alive(pid), 'the server is alive');
  const log = server.log();
  assert.match(log, /thumbnail: worker crashed: .*SIGSEGV/, 'the crash is logged with the signal');
  assert.match(log, /thumbnail: worker timed out/, 'the stall is logged');
  const crashes = log.match(/thumbnail: worker crashed/g).length;

  // The crash is remembered: asking again answers at once without another worker dying, and
  // the full photo is still there for her.
  const again = await thumb(enPhone, ids[4]);
  assert.equal(again.status, 422);
  assert.equal(server.log().match(/thumbnail: worker crashed/g).length, crashes, 'no second crash for the same photo');
  const full = await enPhone.request('GET', `/evidence/files/${ids[4]}`);
  assert.equal(full.status, 200, 'the full photo still opens');
  assert.deepEqual([...Buffer.from(await full.arrayBuffer())], [...photos[4]], 'byte for byte');
  // The pool replaced the dead and the stalled worker: a photo not seen before gets its preview.
  const fresh = await thumb(esPhone, ids[3]);
  assert.equal(fresh.status, 200, 'previews go on after the crash');
  assert.deepEqual([...fresh.body.subarray(0, 3)], [0xff, 0xd8, 0xff]);
});

test('without --test-crash-hooks the markers are just text', {timeout: 120_000}, async () => {
  const plain = await startServer();
  try {
    const v = await visitor(plain.baseUrl);
    const r = await v.check('{"note": "MC-TEST-WORKER-CRASH MC-TEST-WORKER-HANG"}');
    assert.equal(r.status, 200);
    assert.match(r.html, /data-verdict="not_a_credential"/, 'the marker did nothing: an ordinary verdict');
    assert.ok(alive(plain.pid));
  } finally {
    await plain.stop();
  }
});

// The serving process itself: `serve` runs a supervisor that owns the socket. A SIGSEGV sent to
// the serving child (not the supervisor, whose pid the harness holds) makes the supervisor start
// another; a request sent right after the signal waits in the socket's queue and succeeds.
const childPids = log => [...log.matchAll(/serving child pid (\d+) started/g)].map(m => Number(m[1]));

test('a serving child killed by SIGSEGV is restarted and the next request succeeds', {timeout: 120_000}, async () => {
  const before = childPids(server.log());
  assert.ok(before.length >= 1, 'the supervisor logged its serving child');
  const child = before.at(-1);
  assert.notEqual(child, server.pid, 'the harness pid is the supervisor, not the serving child');
  process.kill(child, 'SIGSEGV');
  // Sent at once on a new connection (fetch would reuse a keep-alive one of the dead child):
  // it waits in the socket's queue during the restart.
  const status = await new Promise((resolve, reject) => {
    const req = http.get(server.baseUrl + '/verify', {agent: false, timeout: 20_000}, res => { res.resume(); resolve(res.statusCode); });
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', reject);
  });
  assert.equal(status, 200, 'the request right after the crash is answered');
  const deadline = Date.now() + 10_000;
  while (childPids(server.log()).length === before.length && Date.now() < deadline) await new Promise(r => setTimeout(r, 100));
  const now = childPids(server.log());
  assert.equal(now.length, before.length + 1, 'a new serving child was started');
  assert.ok(alive(server.pid), 'the supervisor is alive');
  assert.ok(alive(now.at(-1)), 'the new serving child is alive');
  assert.match(server.log(), /killed by signal 11 \(SIGSEGV\); restarting/, 'the restart is logged with the signal');
  // fetch's pooled connections went with the old child: a fresh visitor retries once.
  let checked;
  try { checked = await (await visitor(server.baseUrl)).check(credential); }
  catch { checked = await (await visitor(server.baseUrl)).check(credential); }
  assert.match(checked.html, /data-verdict="valid"/, 'checks work in the new child');
});
