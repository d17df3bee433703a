// Completeness returns and appeals through the browser, as people use them: a new educator signs
// up in Spanish on a 360 px phone and submits evidence; the assessor who receives it returns it as
// incomplete (a file will not open) and the educator reads why on her submission page, fixes
// nothing more than sending it again (same attempt); the next assessor scores it "Not yet"; she
// appeals in Spanish on the phone; the demo lead assessor (who had no part in the decision)
// overturns it on a desktop, and the credential is in her wallet; the demo coach logs a session
// for the educator referred to her. Every page passes axe, nothing scrolls sideways on the phone.
// Screenshots go to tests/e2e/artifacts/.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, signIn, catalog, signUpLink} from './lib/harness.mjs';
import {singleScoring, autoAssign, openAssignment, pickLevels} from './lib/browser_steps.mjs';

const es = catalog('es');
const SLUG = 'learning-center-redesign'; // parts take images and documents: no video to record
const TITLE_ES = 'Repensar un espacio';
const databases = process.env.MICROCRED_TEST_PG ? ['sqlite', 'pg'] : ['sqlite'];
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const prose = n => Array.from({length: n}, (_, i) => ['we', 'moved', 'the', 'blocks', 'near', 'the', 'window', 'so', 'children', 'build', 'together'][i % 11]).join(' ');

async function onPhone(page, label) {
  await checkA11y(page, {label});
  const width = await scrollWidth(page);
  assert.ok(width <= 360, `${label}: page is ${width}px wide on a 360px phone`);
}

async function submitEvidence(page) {
  for (const form of await page.locator('form.mc-answer-form').all()) {
    const box = form.locator('textarea[name="body"]');
    if (!(await box.count())) continue;
    await box.fill(prose(200));
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
  }
  for (const uploader of await page.locator('[data-uploader]').all()) {
    const part = await uploader.getAttribute('data-part');
    if (await page.locator(`#files-${part} li.mc-file`).count()) continue;
    await uploader.locator('input[type="file"]').setInputFiles({name: `room-${part}.png`, mimeType: 'image/png', buffer: await page.screenshot()});
    await page.locator(`#files-${part} li.mc-file`).first().waitFor({timeout: 60_000});
  }
  if (!(await page.locator('#consent').isChecked())) await page.locator('label[for="consent"]').click();
  await Promise.all([page.waitForLoadState('load'), page.locator('#submit-form button[type="submit"]').click()]);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#submit-form').count(), 0, 'the submission is still editable after submit');
}

// Picks a level on every criterion (Not yet on the first when asked), with feedback where needed.
async function chooseLevels(page, notYetFirst) {
  const groups = await pickLevels(page, notYetFirst);
  if (notYetFirst) await groups.nth(0).locator('textarea[name^="feedback_"]').fill('Show how the children helped choose the new layout.');
}

for (const database of databases)
test(`incomplete return, Not yet, appeal in Spanish, overturn by a lead, a coach's session (${database})`, {timeout: 300_000}, async () => {
  const server = await startServer({database});
  try {
    await walk(database, server);
  } catch (e) {
    e.message += `\n--- server log (last lines):\n${server.log().split('\n').slice(-40).join('\n')}`;
    throw e;
  } finally {
    await server.stop();
  }
});

async function walk(database, server) {
  const admin = await desktopPage(browser);
  await signIn(admin, 'program.admin@demo.microcred.test');
  await singleScoring(admin);

  // A new educator, in Spanish, on a phone.
  const educator = await phonePage(browser, {locale: 'es-MX'});
  await educator.goto('/sign-up');
  await educator.locator('#name').fill('Rosa Díaz');
  const rosa = `rosa.${Date.now()}@example.test`;
  await educator.locator('#email').fill(rosa);
  await educator.locator('#password').fill('a-long-password-2026');
  const locale = educator.locator('#locale');
  if (await locale.count()) await locale.selectOption('es');
  await educator.locator('form[action="/sign-up"] button[type="submit"]').click();
  await educator.locator('main .usa-alert--info').waitFor();
  await educator.goto(await signUpLink(server, rosa));
  await educator.waitForURL(/\/dashboard/);
  await educator.goto(`/catalog/${SLUG}`);
  await Promise.all([educator.waitForURL(/\/submissions\//), educator.locator('form[action="/learning/enroll"] button[type="submit"]').click()]);
  const submissionPath = new URL(educator.url()).pathname;
  await submitEvidence(educator);

  // The assessor who gets it returns it as incomplete: the first file will not open.
  await autoAssign(admin);
  const assessor = await desktopPage(browser);
  await openAssignment(assessor);
  await Promise.all([assessor.waitForLoadState('load'), assessor.locator('#return-incomplete').click()]);
  await checkA11y(assessor, {label: 'completeness form'});
  const firstSelect = assessor.locator('#completeness-form select').nth(1);
  await firstSelect.selectOption('unplayable');
  await assessor.locator('#note').fill('The floor plan file opens blank. Please upload it again.');
  const started = Date.now();
  await Promise.all([assessor.waitForURL(/done=returned/), assessor.locator('#completeness-form button[type="submit"]').click()]);
  console.log(`completeness return, one request in the browser: ${Date.now() - started} ms (${database})`);
  await shot(assessor, `coaching-01-returned-incomplete-${database}`);

  // The educator sees why, in Spanish, on the phone: not an attempt, still attempt 1.
  await educator.goto(submissionPath);
  const notice = educator.locator('.mc-incomplete');
  await notice.waitFor();
  const text = await notice.innerText();
  assert.ok(text.includes(es('completeness.educator.heading')), text);
  assert.ok(text.includes(es('completeness.problem.unplayable')), text);
  assert.ok(text.includes('The floor plan file opens blank.'), text);
  await onPhone(educator, 'submission returned as incomplete (es, phone)');
  await shot(educator, `coaching-02-incomplete-es-phone-${database}`);
  await submitEvidence(educator); // sent again, same attempt

  // Back in the queue; the next assessor scores it "Not yet".
  await autoAssign(admin);
  await openAssignment(assessor);
  await chooseLevels(assessor, true);
  await Promise.all([assessor.waitForURL(/done=decided/), assessor.locator('button[name="outcome"][value="not_yet"]').click()]);

  // The educator appeals, in Spanish, on the phone.
  await educator.goto(`${submissionPath}/result`);
  assert.ok((await educator.locator('main').innerText()).includes('Show how the children helped choose the new layout.'));
  await educator.locator('.mc-appeal-box a').click();
  await educator.waitForURL(/\/appeal$/);
  await onPhone(educator, 'appeal form (es, phone)');
  await shot(educator, `coaching-03-appeal-form-es-phone-${database}`);
  await educator.locator('#reason').fill('El plano muestra que los niños eligieron dónde poner los bloques.');
  await Promise.all([educator.waitForURL(/done=filed/), educator.locator('form[action$="/appeal"] button[type="submit"]').click()]);
  assert.equal((await educator.locator('.mc-appeal-status').innerText()).trim(), es('appeals.status.open'));
  await onPhone(educator, 'appeal filed (es, phone)');
  const appeals = await (await educator.request.get('/api/v1/appeals', {headers: {accept: 'application/json'}})).json();
  const appealId = appeals.items.find(a => submissionPath.endsWith(a.submission_id)).id;

  // The demo lead assessor overturns it on a desktop.
  const lead = await desktopPage(browser);
  await signIn(lead, 'lead.assessor@demo.microcred.test');
  await lead.goto('/appeals');
  assert.ok(await lead.locator(`a[href="/appeals/${appealId}"]`).count(), 'the appeal is in the lead\'s list');
  await checkA11y(lead, {label: 'appeals list'});
  await lead.goto(`/appeals/${appealId}`);
  await checkA11y(lead, {label: 'appeal review'});
  assert.ok((await lead.locator('.mc-appeal-reason').innerText()).includes('los niños eligieron'));
  // The evidence policy: the reviewing lead sees the evidence while the appeal is open...
  const names = await lead.locator('.mc-evidence-part figcaption').allInnerTexts();
  assert.ok(names.length > 0, 'the lead sees the evidence files');
  assert.ok(await lead.locator('a[href^="/evidence/files/"]').count() > 0);
  assert.equal(await lead.locator('.mc-evidence-hidden').count(), 0);
  await shot(lead, `coaching-04a-appeal-review-lead-evidence-${database}`);
  // ...an administrator reading the same appeal sees no answer, no file name, no image.
  await admin.goto(`/appeals/${appealId}`);
  await admin.locator('.mc-evidence-hidden').waitFor();
  assert.equal(await admin.locator('.mc-evidence-part').count(), 0);
  assert.equal(await admin.locator('[href^="/evidence/files/"], [src^="/evidence/files/"]').count(), 0);
  const adminText = await admin.locator('main').innerText();
  for (const name of names) assert.ok(!adminText.includes(name.trim()), `the admin sees the file name ${name}`);
  await checkA11y(admin, {label: 'appeal review as admin'});
  await shot(admin, `coaching-04b-appeal-review-admin-no-evidence-${database}`);
  const adminPhone = await phonePage(browser);
  await signIn(adminPhone, 'agency.admin@demo.microcred.test');
  await adminPhone.goto(`/appeals/${appealId}`);
  await adminPhone.locator('.mc-evidence-hidden').waitFor();
  assert.equal(await adminPhone.locator('[href^="/evidence/files/"], [src^="/evidence/files/"]').count(), 0);
  await onPhone(adminPhone, 'appeal review as agency admin (phone)');
  await shot(adminPhone, `coaching-04c-appeal-review-agency-admin-phone-${database}`);
  await chooseLevels(lead, false);
  await lead.locator('#response').fill('The floor plan and the photos show the children chose the layout.');
  await shot(lead, `coaching-04-appeal-review-${database}`);
  await Promise.all([lead.waitForURL(/done=overturned/), lead.locator('#overturn').click()]);

  // The educator has the credential in her wallet.
  await educator.goto(`${submissionPath}/appeal`);
  assert.equal((await educator.locator('.mc-appeal-status').innerText()).trim(), es('appeals.status.overturned'));
  await educator.goto('/wallet');
  assert.ok((await educator.locator('main').innerText()).includes(TITLE_ES), 'the credential is in the wallet');
  await onPhone(educator, 'wallet after appeal (es, phone)');
  await shot(educator, `coaching-05-wallet-es-phone-${database}`);

  // Admins see the appeal and its state.
  await admin.goto('/admin/appeals');
  await checkA11y(admin, {label: 'admin appeals'});
  assert.ok(await admin.locator(`a[href="/appeals/${appealId}"]`).count());
  await admin.goto('/admin/queue?view=overdue');
  await checkA11y(admin, {label: 'queue overdue view'});
  await admin.goto('/admin/turnaround');
  await checkA11y(admin, {label: 'turnaround settings'});
  await admin.goto('/admin/coaching');
  await checkA11y(admin, {label: 'admin coaching'});

  // The demo coach, on a phone, opens the educator referred to her (the demo referral) and logs a session.
  const coach = await phonePage(browser);
  await signIn(coach, 'coach@demo.microcred.test');
  await coach.goto('/coaching');
  await onPhone(coach, 'coach referrals (phone)');
  const referral = coach.locator('table.mc-referrals a[href^="/coaching/"]').first();
  await Promise.all([coach.waitForLoadState('load'), referral.click()]);
  await onPhone(coach, 'coach referral (phone)');
  assert.equal(await coach.locator('main a[href^="/evidence/files/"]').count(), 0, 'a coach never sees evidence files');
  const before = await coach.locator('ul.mc-sessions li').count();
  await coach.locator('#held_on').fill('2026-02-03');
  await coach.locator('#minutes').fill('40');
  await coach.locator('#mode').selectOption('phone');
  const firstFocus = coach.locator('#session-form input[name="focus"]').first();
  if (await firstFocus.count()) await coach.locator(`label[for="${await firstFocus.getAttribute('id')}"]`).click();
  await coach.locator('#notes').fill('Planned a shorter clip that shows the children choosing.');
  await Promise.all([coach.waitForURL(/done=logged/), coach.locator('#session-form button[type="submit"]').click()]);
  assert.equal(await coach.locator('ul.mc-sessions li').count(), before + 1);
  assert.ok((await coach.locator('ul.mc-sessions').innerText()).includes('Planned a shorter clip'));
  await onPhone(coach, 'coach session logged (phone)');
  await shot(coach, `coaching-06-coach-session-phone-${database}`);
}
