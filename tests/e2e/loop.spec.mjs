// The whole micro-credential loop, through the pages, as people do it: a new educator signs up
// on a phone (in Spanish), enrolls, writes her answers, uploads a real video (recorded by the
// browser itself), attests consent and submits; an admin assigns it; an assessor watches the
// video, scores "Not yet" with feedback; the educator revises and resubmits; the assessor scores
// "Demonstrated"; the educator opens her credential, its public verification page, and downloads
// the PDF certificate. Screenshots of each key page go to tests/e2e/artifacts/.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, signIn, signUpLink} from './lib/harness.mjs';
import {singleScoring, autoAssign, openAssignment, pickLevels} from './lib/browser_steps.mjs';

const SLUG = 'responsive-serve-and-return';
// SQLite always; PostgreSQL too when ./test has started one (MICROCRED_TEST_PG).
const databases = process.env.MICROCRED_TEST_PG ? ['sqlite', 'pg'] : ['sqlite'];
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const words = n => Array.from({length: n}, (_, i) => ['children', 'talk', 'turns', 'listen', 'respond', 'name', 'wait'][i % 7]).join(' ');

// A real WebM video, recorded from an animated canvas by the browser's own MediaRecorder.
async function recordVideo(page) {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 160; canvas.height = 120;
    const ctx = canvas.getContext('2d');
    const stream = canvas.captureStream(15);
    const recorder = new MediaRecorder(stream, {mimeType: 'video/webm'});
    const chunks = [];
    recorder.ondataavailable = e => chunks.push(e.data);
    const done = new Promise(resolve => { recorder.onstop = resolve; });
    recorder.start(100);
    for (let f = 0; f < 20; f++) {
      ctx.fillStyle = `hsl(${f * 18}, 70%, 50%)`;
      ctx.fillRect(0, 0, 160, 120);
      await new Promise(r => setTimeout(r, 60));
    }
    recorder.stop();
    await done;
    const bytes = new Uint8Array(await new Blob(chunks, {type: 'video/webm'}).arrayBuffer());
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  });
  return Buffer.from(base64, 'base64');
}

async function noSideScroll(page, label) {
  const width = await scrollWidth(page);
  assert.ok(width <= 360, `${label}: page is ${width}px wide on a 360px phone`);
}

// Fills every written part and uploads evidence to every file part, then submits.
async function completeAndSubmit(page, video, label) {
  for (const form of await page.locator('form.mc-answer-form').all()) {
    const box = form.locator('textarea[name="body"]');
    if (!(await box.count())) continue;
    await box.fill(words(220));
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
  }
  for (const uploader of await page.locator('[data-uploader]').all()) {
    const part = await uploader.getAttribute('data-part');
    const already = await page.locator(`#files-${part} li.mc-file`).count();
    if (already > 0) continue;
    // Each part says what it accepts: the recorded video where video goes, a real PNG photo where
    // photos go, else a real PDF (the page itself, printed by the browser).
    const input = uploader.locator('input[type="file"]');
    const accept = (await input.getAttribute('accept')) || '';
    let file;
    if (/video/.test(accept)) file = {name: `clip-${part}.webm`, mimeType: 'video/webm', buffer: video};
    else if (/image/.test(accept)) file = {name: `photo-${part}.png`, mimeType: 'image/png', buffer: await page.screenshot()};
    else file = {name: `plan-${part}.pdf`, mimeType: 'application/pdf', buffer: await page.pdf()};
    await input.setInputFiles(file);
    await page.locator(`#files-${part} li.mc-file`).first().waitFor({timeout: 60_000}).catch(async e => {
      await shot(page, `${label}-upload-stuck-${part}`);
      throw new Error(`${e.message}\nuploader says: ${await uploader.innerText()}`);
    });
  }
  await shot(page, `${label}-filled`);
  const consent = page.locator('#consent');
  // USWDS draws its own box: the real input sits off-screen and people tap the label.
  if (await consent.count()) {
    await page.locator('label[for="consent"]').click();
    assert.ok(await consent.isChecked(), `${label}: the consent box is ticked`);
  }
  await Promise.all([page.waitForLoadState('load'), page.locator('#submit-form button[type="submit"]').click()]);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#submit-form').count(), 0, `${label}: the submission is still editable after submit`);
}

async function assignToAnAssessor(admin) {
  await autoAssign(admin);
  await shot(admin, 'admin-queue');
}

async function score(assessorPage, outcome) {
  await pickLevels(assessorPage, outcome === 'not_yet');
  for (const box of await assessorPage.locator('textarea[name^="feedback_"]').all())
    await box.fill(outcome === 'not_yet' ? 'Show more back-and-forth turns: wait for the child to answer before you speak again.' : 'Clear, warm serve-and-return throughout.');
  const summary = assessorPage.locator('textarea[name="summary"]');
  if (await summary.count()) await summary.fill(outcome === 'not_yet' ? 'Almost there: see the first criterion.' : 'Demonstrated on every criterion.');
  await Promise.all([assessorPage.waitForLoadState('load'),
    assessorPage.locator(`button[name="outcome"][value="${outcome}"]`).click()]);
  await assessorPage.waitForLoadState('networkidle');
}

for (const database of databases)
test(`an educator earns a micro-credential from sign-up to verified certificate (${database})`, {timeout: 300_000}, async () => {
  const server = await startServer({database});
  try {
    await walkTheLoop(database, server);
  } catch (e) {
    e.message += `\n--- server log (last lines):\n${server.log().split('\n').slice(-40).join('\n')}`;
    throw e;
  } finally {
    await server.stop();
  }
});

async function walkTheLoop(database, server) {
  const admin = await desktopPage(browser);
  await signIn(admin, 'program.admin@demo.microcred.test');
  await singleScoring(admin);
  const educator = await phonePage(browser, {locale: 'es-MX'});
  const email = `ana.${Date.now()}@example.test`;

  // Sign up, in Spanish, on a phone.
  await educator.goto('/sign-up');
  await shot(educator, 'loop-01-sign-up-es-phone');
  await checkA11y(educator, {label: 'sign-up'});
  await educator.locator('#name').fill('Ana Torres');
  await educator.locator('#email').fill(email);
  await educator.locator('#password').fill('a-long-password-2026');
  const locale = educator.locator('#locale');
  if (await locale.count()) await locale.selectOption('es');
  await educator.locator('form[action="/sign-up"] button[type="submit"]').click();
  await educator.locator('main .usa-alert--info').waitFor();
  await shot(educator, 'loop-01b-sign-up-check-email-es-phone');
  await checkA11y(educator, {label: 'sign-up sent'});
  // The account is made when the link in the email is opened (sign-up tells nobody else whether an address has one).
  await educator.goto(await signUpLink(server, email));
  await educator.waitForURL(/\/dashboard/);
  assert.equal(await educator.getAttribute('html', 'lang'), 'es');

  // Enroll from the catalog page.
  await educator.goto(`/catalog/${SLUG}`);
  await shot(educator, 'loop-02-catalog-detail-es-phone');
  await checkA11y(educator, {label: 'catalog detail'});
  await noSideScroll(educator, 'catalog detail');
  await Promise.all([educator.waitForURL(/\/submissions\//), educator.locator('form[action="/learning/enroll"] button[type="submit"]').click()]);
  const submissionUrl = new URL(educator.url()).pathname;
  await checkA11y(educator, {label: 'submission'});
  await noSideScroll(educator, 'submission');

  const video = await recordVideo(educator);
  assert.ok(video.length > 1000, 'the browser recorded a video');
  await completeAndSubmit(educator, video, 'loop-03-attempt1');
  await shot(educator, 'loop-04-submitted-es-phone');

  // An admin assigns it; an assessor watches the video and scores "Not yet".
  await assignToAnAssessor(admin);
  const assessor = await desktopPage(browser);
  await openAssignment(assessor);
  const media = assessor.locator('video').first();
  await media.waitFor();
  const duration = await media.evaluate(v => new Promise(resolve => {
    if (v.readyState >= 1) return resolve(v.duration);
    v.addEventListener('loadedmetadata', () => resolve(v.duration), {once: true});
    v.addEventListener('error', () => resolve(-1), {once: true});
    v.load();
  }));
  assert.ok(duration !== -1, 'the evidence video loads in the scoring page');
  assert.equal(await assessor.getByText('Ana Torres').count(), 0, 'blind review: the educator is not named');
  await shot(assessor, 'loop-05-scoring');
  await checkA11y(assessor, {label: 'scoring'});
  await score(assessor, 'not_yet');

  // The educator sees the feedback, revises and resubmits.
  await educator.goto(submissionUrl);
  await shot(educator, 'loop-06-returned-es-phone');
  await Promise.all([educator.waitForLoadState('load'), educator.locator('form[action$="/revise"] button[type="submit"]').click()]);
  await educator.waitForURL(/\/submissions\//);
  assert.notEqual(new URL(educator.url()).pathname, submissionUrl, 'a new attempt starts');
  await completeAndSubmit(educator, video, 'loop-07-attempt2');

  // Assigned again; this time an assessor scores on a phone, in Spanish: "Demonstrated".
  await assignToAnAssessor(admin);
  const assessorPhone = await phonePage(browser, {locale: 'es-MX'});
  await openAssignment(assessorPhone);
  await assessorPhone.goto('/lang/es?next=' + encodeURIComponent(new URL(assessorPhone.url()).pathname));
  assert.equal(await assessorPhone.getAttribute('html', 'lang'), 'es');
  await shot(assessorPhone, 'loop-07b-scoring-es-phone');
  await checkA11y(assessorPhone, {label: 'scoring (es, phone)'});
  await noSideScroll(assessorPhone, 'scoring');
  await score(assessorPhone, 'demonstrated');

  // The credential: wallet, public verification page, PDF certificate.
  await educator.goto('/wallet');
  await shot(educator, 'loop-08-wallet-es-phone');
  await checkA11y(educator, {label: 'wallet'});
  await Promise.all([educator.waitForURL(/\/credentials\//), educator.locator('a[href^="/credentials/"]').first().click()]);
  await shot(educator, 'loop-09-credential-es-phone');
  await noSideScroll(educator, 'credential');
  const verifyUrl = await educator.locator('#share-link').inputValue();
  const pdf = await educator.request.get(new URL(educator.url()).pathname + '/certificate.pdf');
  assert.equal(pdf.status(), 200);
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

  const visitor = await phonePage(browser);
  await visitor.goto(new URL(verifyUrl).pathname);
  await shot(visitor, 'loop-10-verify-public-phone');
  await checkA11y(visitor, {label: 'verification'});
  assert.equal(await visitor.locator('[data-verdict="valid"]').count(), 1, 'the public page says the credential is valid');
  const machine = await visitor.request.get(new URL(verifyUrl).pathname, {headers: {Accept: 'application/ld+json'}});
  const credential = await machine.json();
  assert.ok(credential.type.includes('OpenBadgeCredential'));
  assert.equal(credential.proof.cryptosuite, 'eddsa-rdfc-2022');
}
