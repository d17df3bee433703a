// Memory the server keeps after large /verify posts (issue 8, item 6), as a ratio to its own idle
// RSS measured in the same run. Two kinds of post, BENCH_POSTS in all (default 100), sent one
// after the other (bounded; nothing runs in parallel):
//   - a pasted credential whose form body is just under the 2 MiB limit (~1.9 MB: parsed and checked),
//   - a ~4.4 MB body over the limit (refused with 413 before it is read).
// Figures are for reading, not pass/fail (DESIGN.md: ratios, never absolute limits in tests).
//   node bench/verify_memory.mjs            # needs build/release (./run or ./test builds it)
import fs from 'node:fs';
import {startServer} from '../tests/e2e/lib/harness.mjs';

const POSTS = Number(process.env.BENCH_POSTS || 100);

// VmRSS and VmHWM of a process, in MB, from /proc.
function memory(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = key => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))[1]);
  return {rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024};
}

// A credential-shaped document of about `bytes` bytes: many evidence entries, so parsing builds a
// large tree, as a real pasted CLR with many parts would.
function bigCredential(bytes) {
  const entry = {id: 'urn:uuid:00000000-0000-0000-0000-000000000000', type: ['Evidence'], name: 'x'.repeat(60)};
  const each = JSON.stringify(entry).length + 1;
  return JSON.stringify({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {id: 'https://example.org/issuers/1', type: ['Profile']},
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: {type: ['AchievementSubject'], achievement: {id: 'https://example.org/a/1', type: ['Achievement'], name: 'Big'}},
    evidence: Array.from({length: Math.floor(bytes / each)}, () => entry),
  });
}

// The answer's status; a refusal may close the connection while the body is still being sent,
// which fetch reports as an error ("closed early" in the tally).
// A visitor's cookies and CSRF token, as the verification page gives them to a browser.
async function visitor(server) {
  const res = await fetch(`${server.baseUrl}/verify`);
  const cookie = res.headers.getSetCookie().map(c => c.split(';')[0]).join('; ');
  const token = (await res.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error('no CSRF token on /verify');
  return {cookie, token};
}

async function post(server, body, who) {
  body.set('_csrf', who.token);
  try {
    const res = await fetch(`${server.baseUrl}/verify`, {method: 'POST', body, headers: {accept: 'application/json', cookie: who.cookie}});
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'closed early';
  }
}

const server = await startServer({database: 'sqlite'});
try {
  // Idle: after start-up and one small verification, so both figures include the code paths' warm-up.
  const who = await visitor(server);
  console.log(`warm-up answer: ${await post(server, new URLSearchParams({credential: '{}'}), who)}`);
  await new Promise(r => setTimeout(r, 1000));
  const idle = memory(server.pid);

  // Form-encoding grows JSON's punctuation threefold: shrink the document until the body fits.
  let size = 1_900_000, under;
  do { under = new URLSearchParams({credential: bigCredential(size)}); size *= 0.9; } while (under.toString().length > 1_900_000);
  const over = new URLSearchParams({credential: 'x'.repeat(4_400_000)});
  const statuses = new Map();
  for (let i = 0; i < POSTS; i++) {
    const status = await post(server, i % 2 === 0 ? under : over, who);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  await new Promise(r => setTimeout(r, 1000));
  const after = memory(server.pid);

  console.log(`| /verify, ${POSTS} posts (half ~1.9 MB pastes, half ~4.4 MB refused) | MB | ratio to idle RSS |`);
  console.log('|---|---:|---:|');
  console.log(`| idle RSS (reference) | ${idle.rss.toFixed(1)} | 1.00 |`);
  console.log(`| RSS after the posts | ${after.rss.toFixed(1)} | ${(after.rss / idle.rss).toFixed(2)} |`);
  console.log(`| peak RSS during the posts (VmHWM) | ${after.peak.toFixed(1)} | ${(after.peak / idle.rss).toFixed(2)} |`);
  console.log(`answers: ${[...statuses].map(([s, n]) => `${n} x ${s}`).join(', ')}`);
} finally {
  await server.stop();
}
