// Steps of the micro-credential loop through the JSON API and tus, for tests and benchmarks that
// need real data without a browser: enroll, answer, upload, submit, assign, score, decide.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {client} from './api_client.mjs';

// Bytes the server sniffs as WebM (EBML header naming the "webm" doc type), then noise.
export function webm(size) {
  const head = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, ...Buffer.from('webm')]);
  return Buffer.concat([head, crypto.randomBytes(size - head.length)]);
}
export const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const words = n => Array.from({length: n}, (_, i) => ['children', 'talk', 'turns', 'listen', 'wait'][i % 5]).join(' ');

export async function enroll(educator, slug) {
  const detail = await educator.page(`/catalog/${slug}`);
  const id = /name="micro_credential_id" value="([^"]+)"/.exec(detail.html)?.[1];
  assert.ok(id, 'the catalog page offers enrollment');
  const res = await educator.form('/learning/enroll', {micro_credential_id: id});
  assert.equal(res.status, 303, 'enroll');
  return res.location.split('/').pop();
}

export async function uploadWhole(educator, submission, part, name, type, bytes) {
  const upload = await educator.createUpload({submission, part, name, type, length: bytes.length});
  const res = await educator.patch(upload, 0, bytes);
  assert.equal(res.status, 204, `upload ${name}`);
  return upload;
}

// A complete first attempt, submitted, so an assessor has something to score.
export async function submittedSubmission(educator, slug) {
  const id = await enroll(educator, slug);
  const {data} = await educator.json('GET', `/api/v1/submissions/${id}`);
  for (const part of data.parts) {
    if (part.kind !== 'artifact') {
      const saved = await educator.json('PUT', `/api/v1/submissions/${id}/parts/${part.id}`, {body: words(Math.max(40, part.min_words + 5))});
      assert.equal(saved.status, 200, `answer ${part.id}`);
    } else if (part.accepted_types.includes('video')) {
      await uploadWhole(educator, id, part.id, 'clip.webm', 'video/webm', webm(64 * 1024));
    } else {
      await uploadWhole(educator, id, part.id, 'plan.pdf', 'application/pdf', pdf());
    }
  }
  const submitted = await educator.json('POST', `/api/v1/submissions/${id}/submit`, {consent_attested: true, evidence_language: 'en'});
  assert.equal(submitted.status, 200, `submit: ${JSON.stringify(submitted.data)}`);
  return id;
}

export async function assessorWith(baseUrl, assignment) {
  for (const email of ['assessor@demo.microcred.test', 'assessor2@demo.microcred.test']) {
    const c = client(baseUrl);
    await c.signIn(email);
    const {data} = await c.json('GET', '/api/v1/assignments');
    if (data.items.some(a => a.id === assignment)) return c;
  }
  throw new Error(`no demo assessor holds assignment ${assignment}`);
}

// Every criterion at the passing level, then the decision: the award is issued in the same step.
export async function decide(assessor, assignment, outcome = 'demonstrated') {
  const {rubric} = (await assessor.json('GET', `/api/v1/assignments/${assignment}`)).data;
  const scores = rubric.criteria.map(c => ({criterion_id: c.id, level_id: rubric.passing_level, feedback: 'Clear and warm throughout.'}));
  const res = await assessor.json('POST', `/api/v1/assignments/${assignment}/decision`, {scores, outcome, summary: 'Demonstrated on every criterion.'});
  assert.equal(res.status, 201, `decision: ${JSON.stringify(res.data)}`);
  return res.data;
}

// The demo educator earns one credential, all over the API: the program admin turns double
// scoring off first (a scoring plan is fixed at first assignment, and one assessor must decide),
// the educator submits, the admin assigns, the assessor decides "Demonstrated".
// Returns {award, educator}: the award id from the wallet and the educator's signed-in client.
// `beforeDecision({assessor, educator, submission})`, when given, runs while the assessor still
// holds the assignment (evidence access ends with the decision).
export async function earnedCredential(base, slug, {beforeDecision} = {}) {
  const admin = client(base);
  await admin.signIn('program.admin@demo.microcred.test');
  const single = await admin.json('PUT', '/api/v1/assessment/settings', {double_share: 0, double_first_of_version: false});
  assert.equal(single.status, 200, `double scoring off: ${JSON.stringify(single.data)}`);
  const educator = client(base);
  await educator.signIn('educator@demo.microcred.test');
  const submission = await submittedSubmission(educator, slug);
  const assigned = await admin.json('POST', `/api/v1/submissions/${submission}/assign`, {});
  assert.equal(assigned.status, 201, `assign: ${JSON.stringify(assigned.data)}`);
  const assessor = await assessorWith(base, assigned.data.id);
  if (beforeDecision) await beforeDecision({assessor, educator, submission});
  await decide(assessor, assigned.data.id);
  const award = /href="\/credentials\/([^"/]+)"/.exec((await educator.page('/wallet')).html)?.[1];
  assert.ok(award, 'the credential is in the wallet after the decision');
  return {award, educator};
}
