// College credit in the browser (issue 11 section 5): the demo educator earns a micro-credential
// through the real loop, sees the credit recommended for it on her credential page and the credit
// recommended for the whole pathway on /pathways, and sends her portfolio to the college from
// /college; the college partner opens it, gets a bad number of hours refused at the field, then
// grants 3 semester hours as ECE 101; the educator sees the decision, in English and in Spanish.
// Every page at 360 px with no sideways scrolling and no serious axe finding; screenshots go to
// tests/e2e/artifacts/college-*.png.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, shot, checkA11y, scrollWidth, signIn, catalog} from './lib/harness.mjs';
import {earnedCredential} from './lib/api_journeys.mjs';
import {client} from './lib/api_client.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const en = catalog('en');
const es = catalog('es');
const fill = (text, slots) => text.replace(/\{(\w+)\}/g, (_, k) => String(slots[k]));

async function checkPage(page, label) {
  const w = await scrollWidth(page);
  assert.ok(w <= 360, `${label}: ${w}px wide on a 360px screen`);
  await checkA11y(page, {label});
}

test('an educator sends her portfolio, the college grants credit, she sees it', {timeout: 600_000}, async () => {
  const slug = 'responsive-serve-and-return';
  const {award} = await earnedCredential(server.baseUrl, slug);

  const programAdmin = client(server.baseUrl);
  await programAdmin.signIn('program.admin@demo.microcred.test');
  const mc = await programAdmin.json('PUT', `/api/v1/micro-credentials/${slug}/credit-recommendations`, {recommendations: [
    {semester_hours: 3, level: 'lower_division', subject: 'Early Childhood Education', effective_from: '2026-01-01'}]});
  assert.equal(mc.status, 200, JSON.stringify(mc.data));
  const agencyAdmin = client(server.baseUrl);
  await agencyAdmin.signIn('agency.admin@demo.microcred.test');
  const pw = await agencyAdmin.json('PUT', '/api/v1/pathways/ece-credential-level-2/credit-recommendations', {recommendations: [
    {semester_hours: 12, level: 'lower_division', subject: 'Early Childhood Education', effective_from: '2026-01-01'}]});
  assert.equal(pw.status, 200, JSON.stringify(pw.data));
  const line = (locale, hours) => fill(locale('catalog.credit_recommendations.line'),
    {hours, level: locale('catalog.credit_recommendations.levels.lower_division'), subject: 'Early Childhood Education'});

  // The educator, on a phone: the recommendations where she reads about her credential and pathway.
  const educator = await phonePage(browser);
  await signIn(educator, 'educator@demo.microcred.test');
  await educator.goto(`/credentials/${award}`);
  const recs = educator.locator('.mc-credit-recommendations');
  assert.ok((await recs.innerText()).includes(line(en, 3)), await recs.innerText());
  await shot(educator, 'college-credential-recommendation-360-en');
  await checkPage(educator, 'credential page with a recommendation');
  await educator.goto('/pathways');
  const pathwayCredit = educator.locator('[data-pathway="ece-credential-level-2"] .pathway-credit');
  assert.ok((await pathwayCredit.innerText()).includes(line(en, 12)), await pathwayCredit.innerText());
  await shot(educator, 'college-pathways-recommendation-360-en');
  await checkPage(educator, 'pathways with a recommendation');

  await educator.goto('/college');
  assert.ok(await educator.getByText(en('pathways.college.mine.never_media')).isVisible());
  await educator.getByLabel(en('pathways.college.mine.college')).selectOption({label: 'Commonwealth Community College'});
  await educator.getByRole('button', {name: en('pathways.college.mine.send')}).click();
  await educator.getByText(en('pathways.college.notice.sent')).waitFor();
  assert.ok((await educator.locator('.mc-portfolio').innerText()).includes(en('pathways.college.mine.waiting')));
  await shot(educator, 'college-sent-360-en');
  await checkPage(educator, 'college, portfolio sent');

  // The college partner, on a phone.
  const partner = await phonePage(browser);
  await signIn(partner, 'college@demo.microcred.test');
  await partner.goto('/college/inbox');
  await shot(partner, 'college-inbox-360-en');
  await checkPage(partner, 'college inbox');
  await partner.locator('a[href^="/college/inbox/"]').first().click(); // the one portfolio sent
  await partner.waitForURL(/\/college\/inbox\/[^/]+$/);
  const item = partner.locator('.mc-portfolio-item').first();
  assert.ok((await item.innerText()).includes(line(en, 3)), 'the partner sees the recommended credit');
  // A bad number of hours: refused, the message at the field, nothing saved.
  await item.getByText(en('pathways.college.portfolio.grant'), {exact: true}).click(); // the styled label, as a person taps it
  await item.getByLabel(en('pathways.college.portfolio.hours'), {exact: true}).fill('1.25');
  await item.getByLabel(en('pathways.college.portfolio.reason')).fill('Matches our ECE 101 outcomes');
  await item.getByRole('button', {name: en('pathways.college.portfolio.save')}).click();
  await partner.locator('.usa-error-message').filter({hasText: en('pathways.college.errors.hours')}).first().waitFor();
  await shot(partner, 'college-decision-error-360-en');
  await checkPage(partner, 'decision with an error');
  const again = partner.locator('.mc-portfolio-item').first();
  assert.equal(await again.getByLabel(en('pathways.college.portfolio.reason')).inputValue(), 'Matches our ECE 101 outcomes',
    'what she typed is kept');
  await again.getByLabel(en('pathways.college.portfolio.hours'), {exact: true}).fill('3');
  await again.getByLabel(en('pathways.college.portfolio.course')).fill('ECE 101');
  await again.getByRole('button', {name: en('pathways.college.portfolio.save')}).click();
  await partner.getByText(en('pathways.college.notice.decided')).waitFor();
  await shot(partner, 'college-decided-360-en');
  await checkPage(partner, 'decision saved');

  // The educator sees the decision, in English, then in Spanish.
  await educator.goto('/college');
  const granted = fill(en('pathways.college.granted_as'), {hours: 3, course: 'ECE 101'});
  const portfolio = educator.locator('.mc-portfolio').first();
  // textContent: the tag is drawn in capitals.
  assert.ok((await portfolio.textContent()).includes(granted), await portfolio.textContent());
  assert.ok((await portfolio.textContent()).includes('Matches our ECE 101 outcomes'));
  await shot(educator, 'college-granted-360-en');
  await checkPage(educator, 'college, credit granted');
  await educator.goto('/lang/es?next=/college');
  await educator.getByRole('heading', {level: 1, name: es('pathways.college.mine.title')}).waitFor();
  const grantedEs = fill(es('pathways.college.granted_as'), {hours: 3, course: 'ECE 101'});
  assert.ok((await educator.locator('.mc-portfolio').first().textContent()).includes(grantedEs));
  await shot(educator, 'college-granted-360-es');
  await checkPage(educator, 'college, credit granted (es)');
  await educator.goto('/pathways');
  assert.ok((await pathwayCredit.innerText()).includes(line(es, 12)), await pathwayCredit.innerText());
  await shot(educator, 'college-pathways-recommendation-360-es');
  await checkPage(educator, 'pathways with a recommendation (es)');
  await educator.context().close();
  await partner.context().close();
});

test('a program admin edits a micro-credential\'s credit recommendations as a form', {timeout: 300_000}, async () => {
  const admin = await phonePage(browser);
  await signIn(admin, 'program.admin@demo.microcred.test');
  await admin.goto('/admin/catalog');
  await admin.locator('a[href="/admin/catalog/family-conference-portfolio/credit-recommendations"]').click();
  await admin.getByRole('heading', {level: 1, name: en('catalog.credit_recommendations.admin.title')}).waitFor();
  const row = admin.locator('.mc-recommendation-row[data-row="0"]');
  await row.getByLabel(en('catalog.credit_recommendations.admin.hours')).fill('2.25');
  await row.getByLabel(en('catalog.credit_recommendations.admin.level')).selectOption('lower_division');
  await row.getByLabel(en('catalog.credit_recommendations.admin.subject')).fill('Family Engagement');
  await row.getByLabel(en('catalog.credit_recommendations.admin.from')).fill('2026-01-01');
  await admin.getByRole('button', {name: en('catalog.credit_recommendations.admin.save')}).click();
  await row.locator('.usa-error-message').filter({hasText: en('catalog.credit_recommendations.errors.hours')}).waitFor();
  assert.equal(await row.getByLabel(en('catalog.credit_recommendations.admin.subject')).inputValue(), 'Family Engagement');
  await shot(admin, 'college-recommendation-form-error-360-en');
  await checkPage(admin, 'recommendation form with an error');
  await row.getByLabel(en('catalog.credit_recommendations.admin.hours')).fill('2.5');
  await admin.getByRole('button', {name: en('catalog.credit_recommendations.admin.save')}).click();
  await admin.getByText(en('catalog.credit_recommendations.admin.saved')).waitFor();
  assert.equal(await row.getByLabel(en('catalog.credit_recommendations.admin.hours')).inputValue(), '2.5');
  await admin.goto('/lang/es?next=/admin/catalog/family-conference-portfolio/credit-recommendations');
  await admin.getByRole('heading', {level: 1, name: es('catalog.credit_recommendations.admin.title')}).waitFor();
  await shot(admin, 'college-recommendation-form-360-es');
  await checkPage(admin, 'recommendation form (es)');
  await admin.goto('/catalog/family-conference-portfolio');
  assert.ok((await admin.locator('.mc-credit-recommendations').innerText()).includes('2.5 horas semestrales'));
  await admin.context().close();
});
