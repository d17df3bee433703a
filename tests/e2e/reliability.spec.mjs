// Double scoring, adjudication and the reliability page, through the browser as people use them:
// a program admin turns double scoring up to every submission; an educator submits evidence; the
// auto-assigner gives it to two demo assessors, who score it independently (neither sees the
// other's scores) and disagree; the demo lead assessor sees both scorings and decides, with a
// reason; the admins read /admin/reliability in English on a desktop and in Spanish on a 360 px
// phone, and download the CSV. Screenshots go to tests/e2e/artifacts/.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, signIn, catalog} from './lib/harness.mjs';

const en = catalog('en');
const es = catalog('es');
const SLUG = 'learning-center-redesign'; // evidence parts take images and documents
const database = process.env.MICROCRED_E2E_DATABASE || 'sqlite';
let server;
let browser;

before(async () => {
  server = await startServer({database});
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const prose = n => Array.from({length: n}, (_, i) => ['we', 'moved', 'the', 'block', 'area', 'near', 'the', 'window', 'so', 'children', 'build', 'together'][i % 12]).join(' ');

async function submitEvidence(page) {
  await page.goto(`/catalog/${SLUG}`);
  await Promise.all([page.waitForURL(/\/submissions\//), page.locator('form[action="/learning/enroll"] button[type="submit"]').click()]);
  const submissionPath = new URL(page.url()).pathname;
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
  await page.locator('label[for="consent"]').click(); // USWDS hides the box itself behind its label
  assert.ok(await page.locator('#consent').isChecked(), 'consent is ticked');
  await Promise.all([page.waitForLoadState('load'), page.locator('#submit-form button[type="submit"]').click()]);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#submit-form').count(), 0, 'the submission is still editable after submit');
  return submissionPath;
}

// Opens the assessor's first open assignment.
async function openFirstAssignment(page) {
  await page.goto('/assess');
  const link = page.locator('ul.mc-assignments a[href^="/assess/"]').first();
  await link.waitFor();
  await Promise.all([page.waitForLoadState('load'), link.click()]);
}

// Scores every criterion; `notYet` lists the criterion indexes to mark Not yet (with feedback).
async function score(page, notYet, feedback) {
  const groups = page.locator('fieldset:has(input[type="radio"][name^="level_"])');
  const count = await groups.count();
  assert.ok(count > 0, 'the rubric is on the page');
  for (let i = 0; i < count; i++) {
    const level = notYet.includes(i) ? 'not_yet' : 'demonstrated';
    const radio = groups.nth(i).locator(`input[type="radio"][value="${level}"]`);
    await page.locator(`label[for="${await radio.getAttribute('id')}"]`).click(); // the tile is the label
    assert.ok(await radio.isChecked());
    if (notYet.includes(i)) await groups.nth(i).locator('textarea[name^="feedback_"]').fill(feedback);
  }
}

async function decide(page, outcome) {
  await Promise.all([page.waitForURL(/done=/), page.locator(`button[name="outcome"][value="${outcome}"]`).click()]);
  return new URL(page.url()).searchParams.get('done');
}

test('two assessors disagree, a lead adjudicates, and the reliability page reports it', {timeout: 300_000}, async () => {
  // Every submission double-scored from now on, through the settings form.
  const admin = await desktopPage(browser);
  await signIn(admin, 'program.admin@demo.microcred.test');
  await admin.goto('/admin/reliability/settings');
  await checkA11y(admin, {label: 'reliability settings'});
  await admin.locator('#double_share').fill('100');
  await Promise.all([admin.waitForURL(/done=settings_saved/), admin.locator('form[action="/admin/reliability/settings"] button[type="submit"]').click()]);
  assert.equal(await admin.locator('#double_share').inputValue(), '100');
  // The demo lead is ticked.
  const leadBox = admin.locator('form[action="/admin/reliability/leads"] label', {hasText: 'Grace Okafor'});
  assert.equal(await leadBox.count(), 1);
  await shot(admin, 'reliability-01-settings');

  // The educator submits.
  const educator = await phonePage(browser);
  await signIn(educator, 'educator@demo.microcred.test');
  const submissionPath = await submitEvidence(educator);

  // Auto-assign: two scorers, the two demo assessors (the lead is kept for adjudication).
  await admin.goto('/admin/queue');
  await Promise.all([admin.waitForLoadState('load'), admin.locator('form[action="/admin/queue/auto-assign"] button[type="submit"]').click()]);
  // The card of a double-scored submission carries the plan's tag (sampled, or first of its version).
  const card = admin.locator('li.usa-card:has(span.usa-tag.bg-primary-dark)');
  await shot(admin, 'reliability-02-queue-two-seats');
  await card.first().waitFor();
  const plan = (await card.first().locator('span.usa-tag.bg-primary-dark').textContent()).trim();
  assert.ok([en('assessment.queue.plan_sampled'), en('assessment.queue.plan_first_of_version')].includes(plan), plan);
  const seats = await card.first().locator('.mc-facts li').allInnerTexts();
  assert.equal(seats.length, 2, `two scorer seats: ${seats}`);
  assert.ok(seats.some(s => s.includes('James Whitfield')) && seats.some(s => s.includes('Ana Morales')), `seats: ${seats}`);

  // James: Demonstrated on everything. The decision waits for the second scorer.
  const james = await desktopPage(browser);
  await signIn(james, 'assessor@demo.microcred.test');
  await openFirstAssignment(james);
  await score(james, [], '');
  await james.locator('textarea[name="summary"]').fill('JW-SUMMARY: a thoughtful redesign.');
  assert.equal(await decide(james, 'demonstrated'), 'waiting_second');
  assert.ok((await james.locator('.usa-alert--success').innerText()).includes(en('assessment.done.waiting_second')));

  // Ana (Spanish account) on a phone: she cannot see James's scores, and disagrees.
  const ana = await phonePage(browser, {locale: 'es-MX'});
  await signIn(ana, 'assessor2@demo.microcred.test');
  await openFirstAssignment(ana);
  assert.equal(await ana.getAttribute('html', 'lang'), 'es');
  assert.equal(await ana.getByText('JW-SUMMARY').count(), 0, 'blind: the other scorer\'s summary is not shown');
  assert.equal(await ana.locator('input[type="radio"]:checked').count(), 0, 'blind: no levels carried over');
  await score(ana, [0], 'AM-FEEDBACK: la foto no muestra el área de bloques completa.');
  await shot(ana, 'reliability-03-second-scorer-es-phone');
  await checkA11y(ana, {label: 'second scorer (es, phone)'});
  const width = await scrollWidth(ana);
  assert.ok(width <= 360, `scoring page is ${width}px wide on a 360px phone`);
  assert.equal(await decide(ana, 'not_yet'), 'sent_to_lead');
  assert.ok((await ana.locator('.usa-alert--success').innerText()).includes(es('assessment.done.sent_to_lead')));

  // The lead sees both scorings side by side and decides, with a reason.
  const lead = await desktopPage(browser);
  await signIn(lead, 'lead.assessor@demo.microcred.test');
  await openFirstAssignment(lead);
  const scorings = lead.locator('section[aria-labelledby="scorings-heading"]');
  await scorings.waitFor();
  const both = await scorings.innerText();
  assert.ok(both.includes('James Whitfield') && both.includes('Ana Morales'), 'both scorers are shown');
  assert.ok(both.includes('AM-FEEDBACK') && both.includes('JW-SUMMARY'), 'both scorings are shown');
  assert.equal(await lead.getByText('Maria Lopez').count(), 0, 'blind: the educator is not named');
  await score(lead, [], '');
  await lead.locator('#rationale').fill('The photos show the whole block area from the second angle; the first criterion is met.');
  await shot(lead, 'reliability-04-adjudication');
  await checkA11y(lead, {label: 'adjudication'});
  assert.equal(await decide(lead, 'demonstrated'), 'decided');

  // The lead takes a calibration round on the demo's calibration set and scores the first item.
  await lead.goto('/assess');
  await Promise.all([lead.waitForURL(/done=calibration_started/), lead.locator('form[action="/assess/calibration"] button').click()]);
  const items = await lead.locator('ul.mc-assignments a[href^="/assess/"]').count();
  assert.ok(items >= 1, 'the round put calibration items in the list');
  await openFirstAssignment(lead);
  assert.ok((await lead.locator('main').innerText()).includes(en('assessment.calibration.scoring_note')));
  await score(lead, [], '');
  await Promise.all([lead.waitForURL(/done=calibration_/), lead.locator('button[name="outcome"][value="demonstrated"]').click()]);
  assert.match(lead.url(), items > 1 ? /done=calibration_saved/ : /done=calibration_(passed|not_passed)/);
  await shot(lead, 'reliability-05-calibration-round');
  await checkA11y(lead, {label: 'my assessments with calibration'});

  // The educator's result says how it was decided (and not the lead's private reason).
  await educator.goto(`${submissionPath}/result`);
  const result = await educator.locator('main').innerText();
  assert.ok(result.includes(en('assessment.basis.adjudicated')), 'the result names the basis');
  assert.ok(!result.includes('second angle'), 'the rationale stays with the program');
  await shot(educator, 'reliability-05-result-phone');

  // The reliability page, English, desktop: the demo history's drift alert, charts and tables.
  await admin.goto('/admin/reliability');
  const main = await admin.locator('main').innerText();
  assert.ok(main.includes(en('assessment.reliability.alerts')), 'the alert box is shown');
  assert.ok(/Ana Morales: kappa fell to \d\.\d\d/.test(main), 'Ana Morales is flagged for drift');
  assert.ok(await admin.locator('svg[role="img"]').count() >= 3, 'charts are drawn');
  assert.ok(await admin.locator('table.usa-table').count() >= 4, 'each chart has its table');
  await shot(admin, 'reliability-06-analytics-en-desktop');
  await checkA11y(admin, {label: 'reliability (en, desktop)'});
  const csv = await admin.request.get('/admin/reliability.csv');
  assert.equal(csv.status(), 200);
  const text = await csv.text();
  assert.ok(text.startsWith('section,name,detail,ratings,exact_agreement,kappa'));
  assert.ok(/assessor,James Whitfield,against_final_scores,\d+,/.test(text));

  await admin.goto('/admin/reliability/calibration');
  assert.ok(await admin.locator('form[action$="/retire"]').count() >= 1, 'the demo calibration set is listed');
  await checkA11y(admin, {label: 'calibration set'});
  await shot(admin, 'reliability-08-calibration-set');

  // Spanish, on a phone, for the agency admin.
  const agency = await phonePage(browser, {locale: 'es-MX'});
  await signIn(agency, 'agency.admin@demo.microcred.test');
  await agency.context().addCookies([{name: 'mc_lang', value: 'es', url: server.baseUrl}]);
  await agency.goto('/admin/reliability');
  assert.equal(await agency.getAttribute('html', 'lang'), 'es');
  assert.equal((await agency.locator('main h1').innerText()).trim(), es('assessment.reliability.title'));
  await shot(agency, 'reliability-07-analytics-es-phone');
  await checkA11y(agency, {label: 'reliability (es, phone)'});
  const phoneWidth = await scrollWidth(agency);
  assert.ok(phoneWidth <= 360, `reliability page is ${phoneWidth}px wide on a 360px phone`);

  // Nobody else gets in.
  const nosy = await desktopPage(browser);
  await signIn(nosy, 'assessor@demo.microcred.test');
  const denied = await nosy.goto('/admin/reliability');
  assert.equal(denied.status(), 403);
});
