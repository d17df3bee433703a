// Child privacy through the browser. An educator earns a credential over the API (the evidence
// includes a video). Only the assessor who scored it can open the video, not the other assessor
// nor an administrator. The educator, on a phone in Spanish, reads who opened their files and lets
// the attempt train assessors. The auditor finds the opening in the access log and checks the
// evidence. The agency admin sets the retention period on a phone in Spanish. A program admin
// narrows the reliability page to a period. Screenshots go to tests/e2e/artifacts/.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, signIn, catalog} from './lib/harness.mjs';
import {client} from './lib/api_client.mjs';
import {earnedCredential} from './lib/api_journeys.mjs';

const en = catalog('en');
const es = catalog('es');
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

async function signedIn(email) {
  const c = client(server.baseUrl);
  await c.signIn(email);
  return c;
}

async function phoneCheck(page, label) {
  await checkA11y(page, {label});
  assert.ok((await scrollWidth(page)) <= 360, `${label}: no sideways scrolling at 360 px`);
}

test('evidence is opened only by its assessor, logged, audited and kept for a set time', {timeout: 300_000}, async () => {
  const base = server.baseUrl;
  // Exactly one demo assessor holds it: while assessing, that one opens the video and the other
  // gets 404. Once the decision is made, the scorer's access ends too.
  let video, scorer;
  const {award, educator} = await earnedCredential(base, 'responsive-serve-and-return', {
    beforeDecision: async ({assessor, educator: owner, submission: id}) => {
      const parts = (await owner.json('GET', `/api/v1/submissions/${id}`)).data.parts;
      video = parts.flatMap(p => p.files).find(f => f.is_video);
      assert.ok(video, 'the evidence has a video');
      const statuses = {};
      for (const email of ['assessor@demo.microcred.test', 'assessor2@demo.microcred.test']) {
        const res = await (await signedIn(email)).request('GET', video.url);
        await res.arrayBuffer();
        statuses[email] = res.status;
      }
      assert.deepEqual(Object.values(statuses).sort(), [200, 404]);
      scorer = Object.keys(statuses).find(e => statuses[e] === 200);
      const own = await assessor.request('GET', video.url);
      await own.arrayBuffer();
      assert.equal(own.status, 200, 'the assigned assessor opens the video while assessing');
    },
  });
  const submission = (await educator.json('GET', '/api/v1/submissions')).data.submissions.find(s => s.status === 'demonstrated').id;
  const after = await (await signedIn(scorer)).request('GET', video.url);
  await after.arrayBuffer();
  assert.equal(after.status, 404, 'the assessor\'s access ends with the decision');
  // Administrators run the program without seeing children.
  for (const email of ['program.admin@demo.microcred.test', 'agency.admin@demo.microcred.test']) {
    const res = await (await signedIn(email)).request('GET', video.url);
    await res.arrayBuffer();
    assert.equal(res.status, 404, `${email} cannot open evidence`);
  }

  // The educator, on a phone in Spanish: who opened the files, and the training choice.
  const phone = await phonePage(browser, {locale: 'es-MX'});
  await signIn(phone, 'educator@demo.microcred.test');
  await phone.goto(`/lang/es?next=/submissions/${submission}`);
  const privacy = phone.locator('#privacy');
  await privacy.scrollIntoViewIfNeeded();
  assert.match(await privacy.innerText(), new RegExp(`${es('privacy.relation.assessor')}: clip\\.webm`));
  await privacy.locator('label[for="exemplar-yes"]').click(); // USWDS draws the radio; the input sits off-screen
  await Promise.all([phone.waitForURL(/done=exemplar_on/), privacy.locator('button[type="submit"]').click()]);
  assert.ok((await phone.locator('#privacy').innerText()).includes(es('privacy.exemplar.exemplar_on')));
  await phoneCheck(phone, 'submission privacy (es)');
  await shot(phone, 'privacy-educator-es-phone');
  const consent = await educator.json('GET', `/api/v1/submissions/${submission}`);
  assert.equal(consent.data.exemplar_consent, true);

  // The auditor, on a desktop in English: the access log, filtered to this submission.
  const desk = await desktopPage(browser);
  await signIn(desk, 'auditor@demo.microcred.test');
  await desk.goto('/lang/en?next=/dashboard');
  await Promise.all([desk.waitForURL(/\/audit$/), desk.locator('main a[href="/audit"]').click()]);
  await desk.locator('#submission').fill(submission);
  await Promise.all([desk.waitForURL(/submission=/), desk.locator('main form button[type="submit"]').click()]);
  const table = desk.locator('table.usa-table');
  assert.ok((await table.innerText()).includes(en('privacy.relation.assessor')), 'the assessor\'s opening is listed');
  assert.ok((await table.innerText()).includes('clip.webm'));
  await checkA11y(desk, {label: 'audit log (en)'});
  await shot(desk, 'privacy-audit-en-desktop');
  await Promise.all([desk.waitForURL(/\/audit\/submissions\//), table.locator(`a[href="/audit/submissions/${submission}"]`).first().click()]);
  assert.equal(await desk.locator('video').count(), 1, 'the auditor can check the video');
  await checkA11y(desk, {label: 'audited submission (en)'});
  const csv = await (await signedIn('auditor@demo.microcred.test')).request('GET', `/audit/views.csv?submission=${submission}`);
  assert.match(await csv.text(), /,assessor,/);

  // The same log on a phone in Spanish reads without sideways scrolling.
  const auditPhone = await phonePage(browser, {locale: 'es-MX'});
  await signIn(auditPhone, 'auditor@demo.microcred.test');
  await auditPhone.goto(`/lang/es?next=/audit?submission=${submission}`);
  assert.equal(await auditPhone.locator('h1').innerText(), es('privacy.audit.title'));
  await phoneCheck(auditPhone, 'audit log (es)');
  await shot(auditPhone, 'privacy-audit-es-phone');

  // The agency admin sets the retention period, on a phone in Spanish; out of range is refused in words.
  const admin = await phonePage(browser, {locale: 'es-MX'});
  await signIn(admin, 'agency.admin@demo.microcred.test');
  await admin.goto('/lang/es?next=/admin');
  await Promise.all([admin.waitForURL(/\/admin\/privacy$/), admin.locator('main a[href="/admin/privacy"]').click()]);
  await admin.locator('#retention_days').fill('7');
  await Promise.all([admin.waitForLoadState('load'), admin.locator('main form[action="/admin/privacy"] button[type="submit"]').click()]);
  assert.match(await admin.locator('#retention_days-error').innerText(), /30.*3650/);
  await phoneCheck(admin, 'privacy settings error (es)');
  await admin.locator('#retention_days').fill('400');
  await Promise.all([admin.waitForURL(/done=saved/), admin.locator('main form[action="/admin/privacy"] button[type="submit"]').click()]);
  assert.equal(await admin.locator('#retention_days').inputValue(), '400');
  await Promise.all([admin.waitForURL(/done=swept/), admin.locator('main form[action="/admin/privacy/sweep"] button').click()]);
  await phoneCheck(admin, 'privacy settings (es)');
  await shot(admin, 'privacy-settings-es-phone');
  // Nothing was decided 400 days ago: the video is still there, and the credential verifies.
  const still = await educator.request('GET', video.url);
  await still.arrayBuffer();
  assert.equal(still.status, 200);
  const verified = await (await fetch(`${base}/verify/${award}`)).text();
  assert.match(verified, /data-verdict="valid"/);

  // A program admin narrows the reliability page to a period.
  const pa = await desktopPage(browser);
  await signIn(pa, 'program.admin@demo.microcred.test');
  await pa.goto('/lang/en?next=/admin/reliability');
  await pa.locator('#period-from').fill('2026-01-01');
  await pa.locator('#period-to').fill('2026-12-31');
  await Promise.all([pa.waitForURL(/from=2026-01-01&to=2026-12-31/), pa.locator('form.mc-period button[type="submit"]').click()]);
  assert.equal(await pa.locator('a[download]').first().getAttribute('href'), '/admin/reliability.csv?from=2026-01-01&to=2026-12-31');
  await checkA11y(pa, {label: 'reliability with a period (en)'});
});
