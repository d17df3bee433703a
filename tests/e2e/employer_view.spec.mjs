// An employer or licensing officer opens the public link of an educator's credential on a phone:
// after the verdict the page says what the credential stands for (what was shown, how it was
// assessed, hours, competency area), shows the badge, prints without the site chrome, says plainly
// when an id is unknown, and its "data for software" link gives JSON-LD to a plain click.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, catalog, signIn} from './lib/harness.mjs';
import {earnedCredential} from './lib/api_journeys.mjs';

const en = catalog('en');
const es = catalog('es');
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

test('the public credential page says what was shown and how, at 360 px in both languages', {timeout: 180_000}, async () => {
  const {award} = await earnedCredential(server.baseUrl, 'responsive-serve-and-return');
  for (const [lang, t, locale] of [['en', en, 'en-US'], ['es', es, 'es-MX']]) {
    const page = await phonePage(browser, {locale});
    if (lang === 'es') await page.goto(`/lang/es?next=/verify/${award}`);
    else await page.goto(`/verify/${award}`);
    assert.equal(await page.locator('[data-verdict]').getAttribute('data-verdict'), 'valid');
    const facts = page.locator('.mc-credential-facts');
    assert.match(await facts.innerText(), new RegExp(t('credentials.public.how_assessed')));
    assert.ok((await page.locator('[data-shown] li').count()) >= 3, 'the criteria met are listed');
    assert.match(await page.locator('[data-credit]').innerText(), /\d/);
    assert.ok((await page.locator('[data-area]').innerText()).trim().length > 0, 'competency area shown');
    const badge = page.locator('img.mc-credential-facts__badge');
    await badge.waitFor();
    assert.ok(await badge.evaluate(img => img.complete && img.naturalWidth > 0), 'the badge image loads');
    assert.equal(await page.locator('button[data-print]').isVisible(), true, 'the print button shows once scripts run');
    assert.ok((await scrollWidth(page)) <= 360, `no sideways scrolling at 360 px (${lang})`);
    await checkA11y(page, {label: `public credential (${lang})`});
    await shot(page, `employer-credential-${lang}-phone`);
    // Printed: the verdict and the facts, none of the site's header or links.
    await page.emulateMedia({media: 'print'});
    assert.equal(await page.locator('.usa-header').isVisible(), false, 'no site header on paper');
    assert.equal(await page.locator('button[data-print]').isVisible(), false);
    assert.equal(await facts.isVisible(), true);
    await shot(page, `employer-credential-${lang}-print`);
    await page.context().close();
  }

  const desk = await desktopPage(browser);
  await desk.goto(`/verify/${award}`);
  await shot(desk, 'employer-credential-en-desktop');
  // The "data for software" link, clicked like any link, gives the signed credential.
  const href = await desk.locator(`a[href="/verify/${award}/credential.jsonld"]`).getAttribute('href');
  const res = await desk.request.get(href, {headers: {accept: 'text/html'}});
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/ld+json');
  assert.equal((await res.json()).id, `urn:uuid:${award}`);
  await desk.context().close();
});

test('an unknown credential id says "no credential with this id", in both languages', {timeout: 60_000}, async () => {
  const page = await phonePage(browser);
  const res = await page.goto('/verify/3c1e9a2b-cut-off-link');
  assert.equal(res.status(), 404);
  assert.match(await page.locator('main').innerText(), new RegExp(en('credentials.verify.unknown_id').slice(0, 30)));
  await checkA11y(page, {label: 'unknown credential (en)'});
  await page.goto('/lang/es?next=/verify/3c1e9a2b-cut-off-link');
  assert.match(await page.locator('main').innerText(), new RegExp(es('credentials.verify.unknown_id').slice(0, 30)));
  await shot(page, 'employer-unknown-id-es-phone');
  await page.context().close();
});

test('the educator copies or shares her credential link from a phone', {timeout: 180_000}, async () => {
  const {award} = await earnedCredential(server.baseUrl, 'observation-to-individualized-plan');
  const page = await phonePage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, 'educator@demo.microcred.test');
  await page.goto(`/credentials/${award}`);
  const copy = page.locator('button[data-copy]');
  await copy.click();
  await page.locator('.mc-copy-status', {hasText: en('credentials.share.copied')}).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.baseUrl}/verify/${award}`);
  for (const where of ['email', 'whatsapp', 'linkedin-post', 'linkedin-profile']) {
    const href = await page.locator(`a[data-share="${where}"]`).getAttribute('href');
    assert.ok(href.includes(encodeURIComponent(`/verify/${award}`)), `${where} carries the public link: ${href}`);
  }
  assert.ok((await scrollWidth(page)) <= 360, 'no sideways scrolling at 360 px');
  await checkA11y(page, {label: 'credential share (en)'});
  await shot(page, 'educator-credential-share-en-phone');
  await page.context().close();
});
