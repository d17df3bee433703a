// Crash safety of evidence uploads and scoring (issue 2: "a kill -9 in the middle of uploads and
// scoring loses no acknowledged data and leaves no half-written file visible").
// An educator is sending a large video through tus (chunks acknowledged one by one, then a PATCH
// still streaming) while an assessor autosaves rubric scores; the server gets SIGKILL. After it
// restarts on the same data: the database is intact, every acknowledged score save is there, the
// upload's offset covers every acknowledged byte, no file is visible for the unfinished upload and
// no temporary file sits in the evidence store; the upload then resumes and the stored file is
// byte for byte the one sent. Bounded: fixed sizes, a fixed number of saves, deadlines on waits.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {startServer} from '../e2e/lib/harness.mjs';
import {client} from '../e2e/lib/api_client.mjs';
import {webm, enroll, submittedSubmission, assessorWith} from '../e2e/lib/api_journeys.mjs';

const SLUG = 'responsive-serve-and-return';
const MiB = 1024 * 1024;
const VIDEO_BYTES = 48 * MiB;
const CHUNK = 4 * MiB;
const ACKED_CHUNKS_BEFORE_KILL = 3;
const MAX_SCORE_SAVES = 400;
const SAVES_BEFORE_KILL = 10;
const KILL_DEADLINE_MS = 60_000;

const sha256 = b => crypto.createHash('sha256').update(b).digest('hex');
const sleep = ms => new Promise(r => setTimeout(r, ms));

function sqlite(db, sql) {
  return execFileSync('sqlite3', ['-batch', '-noheader', db, sql], {encoding: 'utf8'}).trim();
}
function leftovers(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter(e => e.isFile() && /(\.tmp|\.part|\.partial|~)$|\.tmp\b/i.test(e.name))
    .map(e => path.join(e.parentPath ?? e.path, e.name));
}

test('kill -9 during an upload and score saves loses nothing acknowledged and shows no partial file', {timeout: 240_000}, async t => {
  let server = await startServer({keepData: true});
  const {dataDir, database} = server;
  const dbFile = database.replace(/^sqlite:/, '');
  try {
    // Set-up through the API, as the pages' scripts do it.
    const first = client(server.baseUrl);
    await first.signIn('educator@demo.microcred.test');
    const scored = await submittedSubmission(first, SLUG);
    const admin = client(server.baseUrl);
    await admin.signIn('program.admin@demo.microcred.test');
    const assigned = await admin.json('POST', `/api/v1/submissions/${scored}/assign`, {});
    assert.equal(assigned.status, 201, `assign: ${JSON.stringify(assigned.data)}`);
    const assignment = assigned.data.id;
    const assessor = await assessorWith(server.baseUrl, assignment);
    const rubric = (await assessor.json('GET', `/api/v1/assignments/${assignment}`)).data.rubric;

    const uploader = client(server.baseUrl);
    await uploader.signIn('educadora@demo.microcred.test');
    const pending = await enroll(uploader, SLUG);
    const videoPart = (await uploader.json('GET', `/api/v1/submissions/${pending}`)).data.parts
      .find(p => p.kind === 'artifact' && p.accepted_types.includes('video'));
    const video = webm(VIDEO_BYTES);
    const upload = await uploader.createUpload({submission: pending, part: videoPart.id, name: 'circle-time.webm', type: 'video/webm', length: video.length});

    let killed = false;
    const errors = [];
    let ackedOffset = 0;
    let streamedBytes = 0;
    let lastSave = 0;
    const streamAbort = new AbortController();

    const uploading = (async () => {
      for (let i = 0; i < ACKED_CHUNKS_BEFORE_KILL; i++) {
        const res = await uploader.patch(upload, ackedOffset, video.subarray(ackedOffset, ackedOffset + CHUNK));
        if (res.status !== 204) throw new Error(`PATCH at ${ackedOffset}: ${res.status}`);
        ackedOffset = res.offset;
      }
      // The rest as a slow stream (a phone on a weak connection): the kill lands inside it.
      let at = ackedOffset;
      const body = new ReadableStream({
        async pull(controller) {
          if (at >= video.length || killed) return controller.close();
          await sleep(25);
          const piece = video.subarray(at, at + 256 * 1024);
          at += piece.length;
          streamedBytes += piece.length;
          controller.enqueue(piece);
        },
      });
      const res = await uploader.patch(upload, ackedOffset, body, streamAbort.signal);
      if (res.status === 204) ackedOffset = res.offset; // only if the whole rest got through first
    })().catch(e => { if (!killed) errors.push(`upload: ${e.message}`); });

    const scoring = (async () => {
      for (let n = 1; n <= MAX_SCORE_SAVES && !killed; n++) {
        const scores = rubric.criteria.map(c => ({criterion_id: c.id, level_id: rubric.passing_level, feedback: `save ${n}`}));
        const res = await assessor.json('PUT', `/api/v1/assignments/${assignment}/scores`, {scores});
        if (res.status === 200) lastSave = n;
        else if (!killed) errors.push(`score save ${n}: ${res.status} ${JSON.stringify(res.data)}`);
      }
    })().catch(e => { if (!killed) errors.push(`scoring: ${e.message}`); });

    const deadline = Date.now() + KILL_DEADLINE_MS;
    while ((streamedBytes < 2 * MiB || lastSave < SAVES_BEFORE_KILL) && Date.now() < deadline && errors.length === 0)
      await sleep(20);
    killed = true;
    await server.kill();
    streamAbort.abort();
    await Promise.allSettled([uploading, scoring]);
    assert.deepEqual(errors, [], `failures before the kill; server output:\n${server.log().slice(-3000)}`);
    assert.ok(streamedBytes > 0 && ackedOffset >= ACKED_CHUNKS_BEFORE_KILL * CHUNK, 'the kill landed during the upload');
    assert.ok(lastSave >= SAVES_BEFORE_KILL, `only ${lastSave} score saves were acknowledged before the kill`);
    t.diagnostic(`killed with ${ackedOffset / MiB} MiB acknowledged + ${(streamedBytes / MiB).toFixed(2)} MiB in flight, ${lastSave} score saves acknowledged`);

    // The crashed database file: intact, and every acknowledged score save there (or a later one
    // that was in flight when the server died).
    assert.equal(sqlite(dbFile, 'PRAGMA integrity_check;'), 'ok', 'integrity_check after kill -9');
    const feedback = sqlite(dbFile, `SELECT feedback FROM criterion_scores WHERE assignment_id = '${assignment}';`).split('\n');
    assert.equal(feedback.length, rubric.criteria.length, 'a score for every criterion survived');
    for (const f of feedback) {
      const n = Number(/^save (\d+)$/.exec(f)?.[1]);
      assert.ok(n >= lastSave && n <= lastSave + 1, `stored "${f}" but save ${lastSave} was acknowledged`);
    }
    assert.deepEqual(leftovers(path.join(dataDir, 'data', 'evidence')), [], 'temporary files in the evidence store');

    // Back up on the same data: the upload resumes where the server says, and only then is a file.
    server = await startServer({dataDir, databaseUrl: database, keepData: true});
    const again = client(server.baseUrl);
    await again.signIn('educadora@demo.microcred.test');
    const before = (await again.json('GET', `/api/v1/submissions/${pending}`)).data.parts.find(p => p.id === videoPart.id);
    assert.equal((before.files ?? []).length, 0, 'no file is shown for an unfinished upload');
    const head = await again.offset(upload);
    assert.equal(head.status, 200, 'HEAD of the upload after restart');
    assert.ok(head.offset >= ackedOffset && head.offset <= video.length,
      `offset after restart ${head.offset}, acknowledged ${ackedOffset}`);
    const rest = await again.patch(upload, head.offset, video.subarray(head.offset));
    assert.equal(rest.status, 204, 'resume the upload');
    assert.equal(rest.offset, video.length);
    const after = (await again.json('GET', `/api/v1/submissions/${pending}`)).data.parts.find(p => p.id === videoPart.id);
    assert.equal(after.files.length, 1, 'the finished upload is one evidence file');
    const stored = await again.request('GET', `/evidence/files/${after.files[0].id}`);
    assert.equal(stored.status, 200);
    assert.equal(sha256(Buffer.from(await stored.arrayBuffer())), sha256(video), 'the stored file is the one sent');
    assert.deepEqual(leftovers(path.join(dataDir, 'data', 'evidence')), [], 'temporary files in the evidence store after resume');
    await server.stop();
    assert.equal(sqlite(dbFile, 'PRAGMA integrity_check;'), 'ok', 'integrity_check after restart');
  } finally {
    await server.stop().catch(() => {});
    fs.rmSync(dataDir, {recursive: true, force: true});
  }
});
