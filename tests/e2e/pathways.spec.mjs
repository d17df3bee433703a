// Pathways in the browser: the demo educator earns one micro-credential in each of the eight
// core areas (over the API, as the loop does) and, on a phone, sees the Early Childhood Educator
// credential complete and downloads her signed stack credential; a program director reads her
// staff's licensing requirement status, at risk first. Pages at 360 px, in English and Spanish,
// pass axe; screenshots go to tests/e2e/artifacts/.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, signIn, catalog} from './lib/harness.mjs';
import {earnedCredential} from './lib/api_journeys.mjs';

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

// One in each area, in an order that meets the one prerequisite (observation before the PDSA cycle).
const slugs = ['scaffolding-play-across-development', 'learning-center-redesign', 'observation-to-individualized-plan',
  'family-conference-portfolio', 'handwashing-and-safe-sleep-routines', 'responsive-serve-and-return',
  'pdsa-quality-improvement-cycle', 'reflective-growth-plan'];

async function checkPage(page, label, width) {
  const w = await scrollWidth(page);
  assert.ok(w <= width, `${label}: ${w}px wide on a ${width}px screen`);
  await checkA11y(page, {label});
}

test('an educator completes the eight-area pathway and receives the stack credential', {timeout: 900_000}, async () => {
  for (const slug of slugs.slice(0, 7)) await earnedCredential(server.baseUrl, slug);
  const phone = await phonePage(browser);
  await signIn(phone, 'educator@demo.microcred.test');
  await phone.goto('/pathways');
  const level2 = phone.locator('[data-pathway="ece-credential-level-2"]');
  assert.equal((await level2.locator('.pathway-progress').innerText()).trim(), fill(en('pathways.units.areas'), {done: 7, total: 8}));
  // The one area left is suggested next.
  assert.match(await level2.locator('.pathway-next').innerText(), /Reflective|growth/i);
  await shot(phone, 'pathways-seven-of-eight-360-en');
  await checkPage(phone, 'pathways 7 of 8', 360);

  await earnedCredential(server.baseUrl, slugs[7]);
  await phone.goto('/dashboard');
  assert.ok(await phone.getByText(en('pathways.card.finished')).first().isVisible(), 'the dashboard card says complete');
  await shot(phone, 'pathways-dashboard-card-360-en');
  await phone.goto('/pathways');
  assert.equal((await level2.locator('.pathway-progress').innerText()).trim(), fill(en('pathways.units.areas'), {done: 8, total: 8}));
  assert.ok(await level2.getByText(en('pathways.mine.completed')).isVisible());
  const download = level2.getByRole('link', {name: en('pathways.mine.download')});
  const href = await download.getAttribute('href');
  await shot(phone, 'pathways-complete-360-en');
  await checkPage(phone, 'pathways complete', 360);
  // The credential itself: signed, status-listed, the eight constituents as evidence.
  const res = await phone.request.get(href);
  assert.equal(res.status(), 200);
  const credential = await res.json();
  assert.equal(credential.credentialSubject.achievement.name, 'Early Childhood Educator Credential, Level 2');
  assert.equal(credential.evidence.length, 8);
  assert.ok(credential.proof?.proofValue, 'signed');
  assert.ok(credential.credentialStatus?.statusListCredential, 'has a revocation status');
  // Someone else cannot fetch it.
  const other = await phonePage(browser);
  await signIn(other, 'educadora@demo.microcred.test');
  assert.equal((await other.request.get(href)).status(), 404);
  await other.context().close();
  await phone.context().close();
});

test('a director sees a staff member\'s requirement status', {timeout: 300_000}, async () => {
  const phone = await phonePage(browser);
  await signIn(phone, 'director@demo.microcred.test');
  await phone.goto('/pathways/staff');
  const member = phone.locator('.staff-member').filter({hasText: 'Lucía Hernández'});
  assert.equal(await member.count(), 1);
  const summary = await member.locator('.requirement-summary').innerText();
  assert.ok(summary.includes('2028-09-05'), `due five years after hire: ${summary}`);
  assert.ok(summary.includes(fill(en('pathways.units.credits'), {done: 0, total: 12})), summary);
  await shot(phone, 'pathways-staff-360-en');
  await checkPage(phone, 'staff requirements', 360);
  await phone.context().close();

  // Lucía reads her own requirement in Spanish.
  const lucia = await phonePage(browser, {locale: 'es-MX'});
  await signIn(lucia, 'educadora@demo.microcred.test');
  await lucia.goto('/pathways');
  const mine = lucia.locator('[data-requirement="lead-teacher-initial-certificate"] .requirement-summary');
  assert.ok((await mine.innerText()).includes('2028-09-05'));
  assert.ok(await lucia.getByRole('heading', {name: es('pathways.mine.title')}).isVisible());
  await shot(lucia, 'pathways-requirement-360-es');
  await checkPage(lucia, 'pathways (es)', 360);
  await lucia.context().close();

  const admin = await desktopPage(browser);
  await signIn(admin, 'agency.admin@demo.microcred.test');
  await admin.goto('/pathways/agency');
  const row = admin.locator('tr[data-pathway="ece-credential-level-2"]');
  assert.equal((await row.locator('td').nth(2).innerText()).trim(), '1'); // completed by the demo educator
  await shot(admin, 'pathways-agency-desktop-en');
  await checkPage(admin, 'pathways agency', 1280);
  await admin.context().close();
});
