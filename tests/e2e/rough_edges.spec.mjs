// Rough edges of issue 10 that are about layout, at the sizes people use: a 360 px phone and a
// 1280 px desktop, in English and Spanish. Each check names the page and what overflowed.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, signIn} from './lib/harness.mjs';
import {client} from './lib/api_client.mjs';
import {submittedSubmission} from './lib/api_journeys.mjs';

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

// Elements matching `selector` that are wider inside than they show (content cut or scrolling).
function overflowing(page, selector) {
  return page.locator(selector).evaluateAll(els => els
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} ${e.scrollWidth}>${e.clientWidth}`));
}

async function firstCatalogItem(page) {
  await page.goto('/catalog');
  return page.locator('main a[href^="/catalog/"]').first().getAttribute('href');
}

for (const lang of ['en', 'es']) {
  const locale = lang === 'es' ? 'es-MX' : 'en-US';

  test(`tables wrap instead of scrolling sideways (${lang})`, {timeout: 120_000}, async () => {
    const problems = [];
    for (const [make, size] of [[phonePage, 360], [desktopPage, 1280]]) {
      const page = await make(browser, {locale});
      await page.goto(`/lang/${lang}?next=/`);
      const item = await firstCatalogItem(page);
      await page.goto(item);
      const rubric = await overflowing(page, 'main .usa-table-container--scrollable, main table');
      if (rubric.length) problems.push(`${item} at ${size}px: ${rubric.join('; ')}`);
      await shot(page, `rough-rubric-${size}-${lang}`);
      await signIn(page, 'program.admin@demo.microcred.test');
      await page.goto('/admin/awards');
      const awards = await overflowing(page, 'main .usa-table-container--scrollable, main table');
      if (awards.length) problems.push(`/admin/awards at ${size}px: ${awards.join('; ')}`);
      await shot(page, `rough-awards-${size}-${lang}`);
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });

  test(`the desktop header menu fits on one line and catalog filters show their text (${lang})`, {timeout: 120_000}, async () => {
    const problems = [];
    for (const who of [null, 'educator@demo.microcred.test', 'program.admin@demo.microcred.test']) {
      const page = await desktopPage(browser, {locale});
      await page.goto(`/lang/${lang}?next=/`);
      if (who) await signIn(page, who);
      await page.goto('/catalog');
      const tops = await page.locator('.usa-nav__primary > .usa-nav__primary-item').evaluateAll(
        lis => lis.map(li => Math.round(li.getBoundingClientRect().top)));
      if (new Set(tops).size > 1) problems.push(`${who ?? 'visitor'}: header menu on ${new Set(tops).size} lines`);
      const header = await page.locator('header.usa-header').evaluate(h => h.getBoundingClientRect().height);
      if (header > 120) problems.push(`${who ?? 'visitor'}: header ${Math.round(header)}px tall`);
      // The chosen option's text must fit inside its select box (it read "Any lan").
      const cut = await page.locator('form.mc-filter select').evaluateAll(sels => sels.filter(s => {
        const probe = document.createElement('span');
        probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${getComputedStyle(s).font}`;
        probe.textContent = s.options[s.selectedIndex].text;
        document.body.append(probe);
        const need = probe.getBoundingClientRect().width;
        probe.remove();
        // room left for the text: the box less its padding (the arrow sits in the right padding)
        const cs = getComputedStyle(s);
        const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        return need > room;
      }).map(s => s.id));
      if (cut.length) problems.push(`${who ?? 'visitor'}: catalog filter text cut in ${cut.join(', ')}`);
      await shot(page, `rough-header-1280-${(who ?? 'visitor').split('@')[0]}-${lang}`);
      await page.context().close();
    }
    assert.deepEqual(problems, []);
  });
}

// Times were printed in UTC; a reader in Chicago sees her own clock, in her language. The demo
// educator submits once (over the API), which gives her a "received" notice to read.
let submitted = false;
async function educatorHasANotice() {
  if (submitted) return;
  const educator = client(server.baseUrl);
  await educator.signIn('educator@demo.microcred.test');
  await submittedSubmission(educator, 'responsive-serve-and-return');
  submitted = true;
}

for (const lang of ['en', 'es']) {
  test(`notices show times on the reader's clock (${lang})`, {timeout: 60_000}, async () => {
    await educatorHasANotice();
    const page = await phonePage(browser, {locale: lang === 'es' ? 'es-MX' : 'en-US', timezoneId: 'America/Chicago'});
    await page.goto(`/lang/${lang}?next=/`);
    await signIn(page, 'educator@demo.microcred.test');
    await page.goto('/notifications');
    const times = await page.locator('main time[datetime]').evaluateAll(ts => ts.map(t => ({
      text: t.textContent,
      want: new Date(t.getAttribute('datetime')).toLocaleString(document.documentElement.lang,
        {year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit'}),
    })));
    assert.ok(times.length > 0, 'the demo educator has notices');
    for (const t of times) {
      assert.doesNotMatch(t.text, /UTC/);
      assert.equal(t.text, t.want);
    }
    assert.doesNotMatch(await page.locator('main').innerText(), /\{\w+\}/, 'a raw {placeholder} in a notice');
    await shot(page, `rough-notices-time-${lang}`);
    await page.context().close();
  });
}
