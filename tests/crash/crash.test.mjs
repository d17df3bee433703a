// Crash safety: "a crash or kill loses nothing that was acknowledged" (DESIGN.md).
// Several clients sign up concurrently through the real form on a SQLite server; the server is
// killed with SIGKILL while requests are in flight, then started again on the same data folder.
// Every sign-up that was answered (the "check your email" page, 200) must be there with the email
// that confirms it queued, the database must pass integrity_check,
// and no temporary file may be left visible in the evidence store.
// Bounded everywhere: a fixed number of workers and attempts, deadlines on every wait.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {startServer} from '../e2e/lib/harness.mjs';

const WORKERS = 6;
const MAX_ATTEMPTS_PER_WORKER = 60;
const KILL_AFTER_ACKS = 24;        // kill once this many writes were acknowledged...
const KILL_DEADLINE_MS = 45_000;   // ...or at the latest after this long
const PASSWORD = 'crash-test-password-1';

// Minimal cookie-keeping client: only the anonymous CSRF cookie is kept, so every sign-up is
// made by an anonymous visitor (a session cookie would make the next sign-up someone signed in).
function visitor(baseUrl) {
  const jar = new Map();
  const remember = res => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (name === 'mc_csrf') jar.set(name, pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    async get(p) {
      const res = await fetch(baseUrl + p, {headers: {cookie: cookie()}, redirect: 'manual', signal: AbortSignal.timeout(20_000)});
      remember(res);
      return {status: res.status, body: await res.text()};
    },
    async post(p, form) {
      const body = new URLSearchParams({...form, _csrf: jar.get('mc_csrf') ?? ''});
      const res = await fetch(baseUrl + p, {method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(20_000),
        headers: {cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded'}});
      remember(res);
      await res.arrayBuffer();
      return {status: res.status, location: res.headers.get('location') ?? ''};
    },
  };
}

function sqlite(db, sql) {
  return execFileSync('sqlite3', ['-batch', '-noheader', db, sql], {encoding: 'utf8'}).trim();
}

// Temporary names a store might leave behind: *.tmp, *.part, *.partial, *~, ".tmp" anywhere.
function leftovers(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter(e => e.isFile() && /(\.tmp|\.part|\.partial|~)$|\.tmp\b/i.test(e.name))
    .map(e => path.join(e.parentPath ?? e.path, e.name));
}

test('acknowledged sign-ups survive kill -9 and the database stays intact', async t => {
  let server = await startServer({keepData: true});
  const dataDir = server.dataDir;
  const database = server.database;
  const dbFile = database.replace(/^sqlite:/, '');
  try {
    const probe = await visitor(server.baseUrl).get('/sign-up');
    assert.equal(probe.status, 200, 'GET /sign-up');

    const acknowledged = [];
    const errors = [];
    let killed = false;
    const runId = Date.now().toString(36);
    const worker = async w => {
      const client = visitor(server.baseUrl);
      await client.get('/sign-up');
      for (let i = 0; i < MAX_ATTEMPTS_PER_WORKER && !killed; i++) {
        const email = `crash-${runId}-${w}-${i}@example.test`;
        try {
          const res = await client.post('/sign-up', {name: `Crash Test ${w}-${i}`, email, password: PASSWORD, locale: 'en'});
          if (res.status === 200) acknowledged.push(email);
          else if (!killed) errors.push(`${email}: status ${res.status}`);
        } catch (e) {
          if (!killed) errors.push(`${email}: ${e.message}${e.cause ? ` (${e.cause.code ?? e.cause.message})` : ''}`);
        }
      }
    };
    const workers = Array.from({length: WORKERS}, (_, w) => worker(w));

    // Kill while the workers still have requests in flight.
    const deadline = Date.now() + KILL_DEADLINE_MS;
    while (acknowledged.length < KILL_AFTER_ACKS && Date.now() < deadline && errors.length === 0)
      await new Promise(r => setTimeout(r, 50));
    killed = true; // first: the failures the kill causes are expected, not errors
    await server.kill();
    await Promise.allSettled(workers);
    assert.deepEqual(errors, [], `sign-ups failed before the kill; server output:\n${server.log().slice(-3000)}`);
    assert.ok(acknowledged.length > 0, `no sign-up was acknowledged within ${KILL_DEADLINE_MS / 1000} s`);
    t.diagnostic(`${acknowledged.length} sign-ups acknowledged before kill -9`);

    // The crashed file itself: integrity and every acknowledged row (WAL replay is SQLite's job).
    assert.equal(sqlite(dbFile, 'PRAGMA integrity_check;'), 'ok', 'integrity_check after kill -9');
    const stored = new Set(sqlite(dbFile, "SELECT email FROM sign_up_requests WHERE email LIKE 'crash-%';").split('\n'));
    const queued = new Set(sqlite(dbFile, "SELECT to_address FROM outbox WHERE to_address LIKE 'crash-%';").split('\n'));
    const lost = acknowledged.filter(e => !stored.has(e) || !queued.has(e));
    assert.deepEqual(lost, [], `${lost.length} acknowledged sign-ups lost`);

    // The server comes back on the same data and sign-up works end to end: a new request's link
    // makes an account that signs in. (The acknowledged requests' emails may have gone out before
    // the kill, to the old mail sink: their rows and queued messages are checked above.)
    server = await startServer({dataDir, databaseUrl: database, keepData: true});
    const fresh = `crash-${runId}-after@example.test`;
    const signUp = visitor(server.baseUrl);
    await signUp.get('/sign-up');
    assert.equal((await signUp.post('/sign-up', {name: 'Crash After', email: fresh, password: PASSWORD, locale: 'en'})).status, 200);
    const msg = await server.mail.waitFor(fresh, m => m.links.some(l => l.includes('/sign-up/confirm/')), 20_000);
    const opened = await visitor(server.baseUrl).get(new URL(msg.links.find(l => l.includes('/sign-up/confirm/'))).pathname);
    assert.equal(opened.status, 303, 'sign-up link after restart');
    {
      const client = visitor(server.baseUrl);
      await client.get('/sign-in');
      const res = await client.post('/sign-in', {email: fresh, password: PASSWORD});
      assert.equal(res.status, 303, `sign-in as ${fresh} after restart`);
      assert.ok(!res.location.startsWith('/sign-in'), `sign-in as ${fresh} went back to ${res.location}`);
    }
    assert.deepEqual(leftovers(path.join(dataDir, 'data', 'evidence')), [], 'temporary files in the evidence store');
    await server.stop();
    assert.equal(sqlite(dbFile, 'PRAGMA integrity_check;'), 'ok', 'integrity_check after restart');
  } finally {
    await server.stop().catch(() => {});
    fs.rmSync(dataDir, {recursive: true, force: true});
  }
});
// Uploads and scoring under kill -9: uploads.test.mjs.
