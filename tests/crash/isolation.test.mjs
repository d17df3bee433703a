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
import {earnedCredential} from '../e2e/lib/api_journeys.mjs';

const ORDINARY = 12;
const COULD_NOT_CHECK = {en: 'We could not check this file', es: 'No pudimos verificar este archivo'};

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
