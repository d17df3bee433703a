// Every page, as each kind of user reaches it, in English and in Spanish on a 360 px phone:
// it answers, passes axe-core (no serious or critical violation), does not scroll sideways and
// is in the language asked for. Pages behind ids are found by following the links people follow.
// One run lists every problem (the assertion at the end), not just the first.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, shot, checkA11y, scrollWidth, signIn} from './lib/harness.mjs';
import {visits, pathsOf} from './lib/page_visits.mjs';

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

async function sweep(lang) {
  const problems = [];
  let seen = 0;
  for (const visit of visits) {
    const page = await phonePage(browser, {locale: lang === 'es' ? 'es-MX' : 'en-US'});
    // The language switch, as a person would use it (a signed-in user's saved language would
    // otherwise win over the browser's).
    await page.goto(`/lang/${lang}?next=/`);
    if (visit.who) await signIn(page, visit.who);
    const paths = await pathsOf(page, visit);
    for (const path of paths) {
      const label = `${visit.who ?? 'visitor'} ${path} (${lang})`;
      const res = await page.goto(path);
      seen++;
      if (!res || res.status() >= 400) {
        problems.push(`${label}: status ${res?.status()}`);
        continue;
      }
      if ((await page.getAttribute('html', 'lang')) !== lang) problems.push(`${label}: page is not in ${lang}`);
      const width = await scrollWidth(page);
      if (width > 360) problems.push(`${label}: ${width}px wide on a 360px phone`);
      try {
        await checkA11y(page, {label});
      } catch (e) {
        problems.push(e.message);
      }
      if (lang === 'es') await shot(page, `pages-${(visit.who ?? 'visitor').split('@')[0]}-${path.replace(/\//g, '_') || 'home'}-es`);
    }
    await page.context().close();
  }
  return {problems, seen};
}

for (const lang of ['en', 'es']) {
  test(`every page works on a 360 px phone in ${lang === 'es' ? 'Spanish' : 'English'} and passes axe`, {timeout: 300_000}, async t => {
    const {problems, seen} = await sweep(lang);
    t.diagnostic(`${seen} pages checked`);
    assert.ok(seen >= 25, `only ${seen} pages were reached`);
    assert.deepEqual(problems, [], `problems on ${problems.length} page checks:\n${problems.join('\n')}`);
  });
}
