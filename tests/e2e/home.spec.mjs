// The landing page, in English and Spanish, on a 360 px phone and on a desktop: readable without
// sideways scrolling, free of serious accessibility problems, and the language switch works.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, catalog} from './lib/harness.mjs';

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

// On a phone the navigation (where the language link lives) is behind the Menu button.
async function openMenuIfCollapsed(page) {
  const menu = page.locator('button.usa-menu-btn');
  if (await menu.isVisible()) {
    await menu.click();
    await page.locator('nav.usa-nav.is-visible').waitFor();
    // The drawer slides in: measure it once it has arrived, not mid-animation.
    await page.waitForFunction(() => {
      const nav = document.querySelector('nav.usa-nav').getBoundingClientRect();
      return nav.right <= window.innerWidth + 1;
    });
  }
}

// Every visible control of the header can be seen and reached: inside the viewport, not pushed
// above the top or off a side (USWDS' secondary nav did that to Sign in on desktop).
// (1 px of slack: USWDS nudges the menu button half a pixel up.)
async function expectHeaderInView(page, width) {
  for (const el of await page.locator('header a:visible, header button:visible').all()) {
    const box = await el.boundingBox();
    const name = (await el.innerText()).trim() || await el.getAttribute('aria-label') || await el.evaluate(e => e.outerHTML.slice(0, 60));
    assert.ok(box && box.y >= -1 && box.x >= -1 && box.x + box.width <= width + 1,
      `header control "${name}" is outside the page: ${JSON.stringify(box)}`);
  }
}

async function expectLanguage(page, lang, t) {
  // Waits for the page in that language (after a click the old page may still be showing).
  await page.locator(`html[lang="${lang}"]`).waitFor({state: 'attached'});
  assert.equal((await page.locator('main h1').innerText()).trim(), t('home.heading'));
}

for (const [device, open, width] of [['phone', phonePage, 360], ['desktop', desktopPage, 1280]]) {
  test(`home page in English and Spanish on a ${device}`, async () => {
    const page = await open(browser);
    await page.goto('/');
    await expectLanguage(page, 'en', en);
    assert.ok(await scrollWidth(page) <= width, `page scrolls sideways at ${width} px: ${await scrollWidth(page)}`);
    await expectHeaderInView(page, width);
    await checkA11y(page, {label: `home (en, ${device})`});
    await shot(page, `home-en-${device}`);

    // The link says "Español" in Spanish (lang="es") and brings the visitor back to this page.
    await openMenuIfCollapsed(page);
    if (device === 'phone') {
      await expectHeaderInView(page, width);
      await checkA11y(page, {label: `home menu open (en, ${device})`});
      await shot(page, `home-en-${device}-menu`);
    }
    const toSpanish = page.getByRole('link', {name: en('layout.other_language')});
    assert.equal(await toSpanish.getAttribute('lang'), 'es');
    await toSpanish.click();
    await expectLanguage(page, 'es', es);
    assert.ok(await scrollWidth(page) <= width, `Spanish page scrolls sideways at ${width} px: ${await scrollWidth(page)}`);
    await checkA11y(page, {label: `home (es, ${device})`});
    await shot(page, `home-es-${device}`);

    // The choice sticks (cookie) and can be undone.
    await page.reload();
    await expectLanguage(page, 'es', es);
    await openMenuIfCollapsed(page);
    await page.getByRole('link', {name: es('layout.other_language')}).click();
    await expectLanguage(page, 'en', en);
    await page.context().close();
  });
}

test('a browser set to Spanish gets the Spanish page first', async () => {
  const page = await phonePage(browser, {locale: 'es-MX'});
  await page.goto('/');
  await expectLanguage(page, 'es', es);
  await page.context().close();
});
