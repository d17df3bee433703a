// An employer who was handed a badge image checks it: on a phone, in Spanish, they choose the
// baked PNG on the public /verify page and read the verdict in words. A copy with its credential
// changed by one character is refused. The credential is earned first over the API.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, shot, checkA11y} from './lib/harness.mjs';
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

async function earnedBadge(base) {
  const {award, educator} = await earnedCredential(base, 'responsive-serve-and-return');
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
