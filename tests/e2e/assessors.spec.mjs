// The assessor lifecycle through the browser: an educator applies in Spanish on a 360 px phone;
// a program admin approves on a desktop in English; the new assessor attests each training
// module; the admin pauses a demo assessor and the auto-assigner passes them over; the other
// assessor scores, and the honoraria page and its CSV show that scoring. Screenshots go to
// tests/e2e/artifacts/.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, signIn, catalog} from './lib/harness.mjs';

const en = catalog('en');
const es = catalog('es');
const SLUG = 'learning-center-redesign';
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

async function fitsAndPasses(page, label) {
  await checkA11y(page, {label});
  const width = await scrollWidth(page);
  const viewport = page.viewportSize().width;
  assert.ok(width <= viewport, `${label}: ${width}px wide in a ${viewport}px viewport`);
}

// Posts a form by its button and waits for the redirect's ?done=.
async function press(page, button, done) {
  await Promise.all([page.waitForURL(new RegExp(`done=${done}`)), button.click()]);
}

// A plain submission of the demo educator: text answers, a picture per upload part, consent.
async function submitEvidence(page) {
  await page.goto(`/catalog/${SLUG}`);
  await Promise.all([page.waitForURL(/\/submissions\//), page.locator('form[action="/learning/enroll"] button[type="submit"]').click()]);
  for (const form of await page.locator('form.mc-answer-form').all()) {
    const box = form.locator('textarea[name="body"]');
    if (!(await box.count())) continue;
    await box.fill('We rearranged the room so that children can reach the materials on their own. '.repeat(20));
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type="submit"]').click()]);
  }
  for (const uploader of await page.locator('[data-uploader]').all()) {
    const part = await uploader.getAttribute('data-part');
    if (await page.locator(`#files-${part} li.mc-file`).count()) continue;
    await uploader.locator('input[type="file"]').setInputFiles({name: `room-${part}.png`, mimeType: 'image/png', buffer: await page.screenshot()});
    await page.locator(`#files-${part} li.mc-file`).first().waitFor({timeout: 60_000});
  }
  await page.locator('label[for="consent"]').click();
  await Promise.all([page.waitForLoadState('load'), page.locator('#submit-form button[type="submit"]').click()]);
  await page.waitForLoadState('networkidle');
  assert.equal(await page.locator('#submit-form').count(), 0, 'submitted');
}

test(`an educator applies, is approved and trained; a paused assessor is skipped; honoraria show the scoring (${database})`, {timeout: 300_000}, async () => {
  // 1. Lucía applies in Spanish on a phone.
  const lucia = await phonePage(browser, {locale: 'es-MX'});
  await signIn(lucia, 'educadora@demo.microcred.test');
  await lucia.goto('/dashboard');
  await Promise.all([lucia.waitForURL(/\/assessors\/apply/), lucia.locator('a[href="/assessors/apply"]').click()]);
  assert.equal(await lucia.getAttribute('html', 'lang'), 'es');
  // A first try without a language: refused, with the message tied to the field.
  await lucia.locator('#qualifications').fill('Credencial CDA; licenciatura en educación infantil');
  await lucia.locator('#years_experience').fill('9');
  await Promise.all([lucia.waitForLoadState('load'), lucia.locator('form[action="/assessors/apply"] button[type="submit"]').click()]);
  assert.ok((await lucia.locator('#languages-error').innerText()).includes(es('assessors.errors.language_required')));
  assert.equal(await lucia.locator('#qualifications').inputValue(), 'Credencial CDA; licenciatura en educación infantil');
  await lucia.locator('label[for="lang-es"]').click();
  await lucia.locator('label[for="setting-center"]').click();
  await lucia.locator('#relationships').fill('Marta Ruiz, Little Oaks (la supervisé en 2022)');
  await shot(lucia, 'assessors-01-apply-es-phone');
  await fitsAndPasses(lucia, 'apply (es, phone)');
  await press(lucia, lucia.locator('form[action="/assessors/apply"] button[type="submit"]'), 'applied');
  assert.ok((await lucia.locator('#application-status').innerText()).includes(es('assessors.standing.pending')));
  await fitsAndPasses(lucia, 'application status (es, phone)');

  // 2. A program admin approves on a desktop in English.
  const admin = await desktopPage(browser);
  await signIn(admin, 'program.admin@demo.microcred.test');
  await admin.goto('/admin');
  await Promise.all([admin.waitForURL(/\/admin\/assessors/), admin.locator('a[href="/admin/assessors"]').first().click()]);
  await admin.goto('/admin/assessors?status=pending');
  const rows = admin.locator('table tbody tr');
  assert.ok((await rows.allInnerTexts()).some(t => t.includes('Rosa Díaz')), 'the demo pending application is listed');
  await shot(admin, 'assessors-02-admin-pending');
  await fitsAndPasses(admin, 'admin assessors (pending)');
  await Promise.all([admin.waitForURL(/\/admin\/assessors\/[^?]+$/), admin.locator('a', {hasText: 'Lucía Hernández'}).click()]);
  assert.ok((await admin.locator('main').innerText()).includes('Marta Ruiz'), 'declared relationships are shown');
  await fitsAndPasses(admin, 'application detail');
  await press(admin, admin.locator('#approve'), 'approved');
  assert.ok((await admin.locator('#standing').innerText()).includes(en('assessors.standing.approved')));

  // 3. Lucía, now an assessor, attests each training module (on her phone, in Spanish).
  await lucia.goto('/assessors/training');
  const modules = await lucia.locator('form[action^="/assessors/training/"]').count();
  assert.equal(modules, 3);
  for (let i = 0; i < modules; i++) {
    const form = lucia.locator('form[action^="/assessors/training/"]').first();
    await form.locator('label.usa-checkbox__label').click();
    await press(lucia, form.locator('button[type="submit"]'), 'trained');
  }
  assert.ok((await lucia.locator('#training-complete').innerText()).includes(es('assessors.training.all_done')));
  await shot(lucia, 'assessors-03-training-done-es-phone');
  await fitsAndPasses(lucia, 'training (es, phone)');
  assert.equal((await lucia.goto('/admin/assessors')).status(), 403, 'an assessor cannot screen');

  // 4. Single scoring for this walk, so one scorer decides.
  await admin.goto('/admin/reliability/settings');
  await admin.locator('#double_share').fill('0');
  if (await admin.locator('#double_first_of_version').isChecked()) await admin.locator('label[for="double_first_of_version"]').click();
  await press(admin, admin.locator('form[action="/admin/reliability/settings"] button[type="submit"]'), 'settings_saved');

  // The admin pauses James Whitfield.
  await admin.goto('/admin/assessors?status=approved');
  await Promise.all([admin.waitForURL(/\/admin\/assessors\/[^?]+$/), admin.locator('a', {hasText: 'James Whitfield'}).click()]);
  await admin.locator('#pause-reason').fill('Family leave');
  await press(admin, admin.locator('#pause'), 'paused');
  assert.ok((await admin.locator('#standing').innerText()).includes(en('assessors.standing.paused')));
  await shot(admin, 'assessors-04-paused');
  await fitsAndPasses(admin, 'paused assessor');

  // 5. An educator submits; auto-assign passes James over (and Lucía, not yet certified).
  const educator = await desktopPage(browser);
  await signIn(educator, 'educator@demo.microcred.test');
  await submitEvidence(educator);
  await admin.goto('/admin/queue');
  await Promise.all([admin.waitForLoadState('load'), admin.locator('form[action="/admin/queue/auto-assign"] button[type="submit"]').click()]);
  const queue = await admin.locator('main').innerText();
  assert.ok(!queue.includes('James Whitfield'), 'the paused assessor got nothing');
  assert.ok(!queue.includes('Lucía Hernández'), 'the uncertified assessor got nothing');
  assert.ok(queue.includes('Ana Morales'), 'the active, certified assessor has it');

  // 6. Ana scores it Demonstrated.
  const ana = await desktopPage(browser);
  await signIn(ana, 'assessor2@demo.microcred.test');
  await ana.goto('/assess');
  const link = ana.locator('ul.mc-assignments a[href^="/assess/"]').first();
  await Promise.all([ana.waitForLoadState('load'), link.click()]);
  const groups = ana.locator('fieldset:has(input[type="radio"][name^="level_"])');
  for (let i = 0; i < await groups.count(); i++) {
    const radio = groups.nth(i).locator('input[type="radio"][value="demonstrated"]');
    await ana.locator(`label[for="${await radio.getAttribute('id')}"]`).click();
  }
  await ana.locator('textarea[name="summary"]').fill('Clear, well-documented redesign.');
  await Promise.all([ana.waitForURL(/done=/), ana.locator('button[name="outcome"][value="demonstrated"]').click()]);

  // 7. Honoraria: Ana's scoring at the default rate, on the page, in the CSV, and on her own page.
  await admin.goto('/admin/honoraria');
  const table = await admin.locator('table').innerText();
  assert.ok(table.includes('Ana Morales') && table.includes('$25.00'), table);
  await shot(admin, 'assessors-05-honoraria');
  await fitsAndPasses(admin, 'honoraria');
  const csv = await (await admin.request.get('/admin/honoraria.csv')).text();
  assert.match(csv, /^assessor,email,month,scorings,adjudications,amount,paid/);
  assert.match(csv, /Ana Morales,assessor2@demo\.microcred\.test,\d{4}-\d{2},1,0,25\.00,no/);
  await press(admin, admin.locator('#mark-paid'), 'paid');
  assert.match(await (await admin.request.get('/admin/honoraria.csv')).text(), /Ana Morales,.*,25\.00,yes/);
  await ana.goto('/assessors/earnings');
  assert.ok((await ana.locator('main').innerText()).includes('$25.00'));
  await fitsAndPasses(ana, 'my honoraria');
});
