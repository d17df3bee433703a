// An employer who was handed a badge image checks it: on a phone, in Spanish, they choose the
// baked PNG on the public /verify page and read the verdict in words. A copy with its credential
// changed by one character is refused. The credential is earned first over the API.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, shot, checkA11y} from './lib/harness.mjs';
import {client} from './lib/api_client.mjs';
import {submittedSubmission, assessorWith, decide} from './lib/api_journeys.mjs';

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

async function earnedBadge(base) {
  const admin = client(base);
  await admin.signIn('program.admin@demo.microcred.test');
  // One scorer decides (double scoring is issue 4's business, tested in reliability.spec).
  const off = await admin.json('PUT', '/api/v1/assessment/settings', {double_share: 0, double_first_of_version: false});
  assert.equal(off.status, 200, `double scoring off: ${JSON.stringify(off.data)}`);
  const educator = client(base);
  await educator.signIn('educator@demo.microcred.test');
  const submission = await submittedSubmission(educator, 'responsive-serve-and-return');
  const assigned = await admin.json('POST', `/api/v1/submissions/${submission}/assign`, {});
  assert.equal(assigned.status, 201);
  await decide(await assessorWith(base, assigned.data.id), assigned.data.id);
  const award = /href="\/credentials\/([^"/]+)"/.exec((await educator.page('/wallet')).html)?.[1];
  assert.ok(award, 'the credential is in the wallet');
  const png = await educator.request('GET', `/credentials/${award}/badge.png`);
  assert.equal(png.status, 200);
  return Buffer.from(await png.arrayBuffer());
}

test('a baked badge image chosen on the Spanish /verify page is checked in words', {timeout: 180_000}, async () => {
  const badge = await earnedBadge(server.baseUrl);
  const visitor = await phonePage(browser, {locale: 'es-MX'});
  await visitor.goto('/lang/es?next=/verify');
  await checkA11y(visitor, {label: 'verify (es)'});
  await visitor.locator('#verify-file').setInputFiles({name: 'insignia.png', mimeType: 'image/png', buffer: badge});
  await visitor.waitForFunction(() => document.getElementById('verify-image').value.length > 0);
  await Promise.all([visitor.waitForLoadState('load'), visitor.locator('#verify-form button[type="submit"]').click()]);
  await shot(visitor, 'verify-file-png-es-phone');
  assert.equal(await visitor.locator('[data-verdict="valid"]').count(), 1, 'the badge is reported valid');
  assert.equal(await visitor.getAttribute('html', 'lang'), 'es');

  // The same image with one byte of the credential changed: refused, with the reason.
  const text = badge.toString('latin1');
  const at = text.indexOf('Demonstrated');
  assert.ok(at > 0, 'the PNG carries the credential as readable text (iTXt, uncompressed)');
  const forged = Buffer.from(text.slice(0, at) + 'Xemonstrated' + text.slice(at + 12), 'latin1');
  {
    await visitor.goto('/verify');
    await visitor.locator('#verify-file').setInputFiles({name: 'insignia.png', mimeType: 'image/png', buffer: forged});
    await visitor.waitForFunction(() => document.getElementById('verify-image').value.length > 0);
    await Promise.all([visitor.waitForLoadState('load'), visitor.locator('#verify-form button[type="submit"]').click()]);
    assert.equal(await visitor.locator('[data-verdict="valid"]').count(), 0, 'a changed badge is not valid');
  }
});
