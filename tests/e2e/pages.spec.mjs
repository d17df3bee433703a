// Every page, as each kind of user reaches it, in English and in Spanish on a 360 px phone:
// it answers, passes axe-core (no serious or critical violation), does not scroll sideways and
// is in the language asked for. Pages behind ids are found by following the links people follow.
// One run lists every problem (the assertion at the end), not just the first.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, shot, checkA11y, scrollWidth, signIn} from './lib/harness.mjs';

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

// who: a demo account (password microcred-demo), or null for a visitor. follow: pages whose
// links (matching the pattern) are swept too, so id-bearing pages are covered.
const visits = [
  {who: null, paths: ['/', '/sign-in', '/sign-up', '/password/forgot', '/catalog', '/verify'],
    follow: {from: '/catalog', links: /^\/catalog\/[^/]+$/, max: 2}},
  {who: 'educator@demo.microcred.test', paths: ['/dashboard', '/profile', '/learning', '/notifications', '/wallet', '/assessors/apply']},
  {who: 'assessor@demo.microcred.test', paths: ['/assess', '/dashboard', '/assessors/training', '/assessors/earnings']},
  {who: 'lead.assessor@demo.microcred.test', paths: ['/assess', '/appeals'],
    follow: {from: '/appeals', links: /^\/appeals\/[\w-]+$/, max: 1}},
  {who: 'coach@demo.microcred.test', paths: ['/dashboard', '/coaching'],
    follow: {from: '/coaching', links: /^\/coaching\/[\w-]+$/, max: 1}},
  {who: 'program.admin@demo.microcred.test',
    paths: ['/admin', '/admin/queue', '/admin/catalog/framework', '/admin/reliability', '/admin/reliability/settings',
      '/admin/reliability/calibration', '/admin/awards', '/admin/appeals', '/admin/coaching', '/admin/turnaround',
      '/admin/assessors', '/admin/honoraria'],
    follow: {from: '/admin', links: /^\/admin\/[\w/-]+$/, max: 12}},
  {who: 'agency.admin@demo.microcred.test', paths: ['/admin/users', '/admin/issuer', '/admin/privacy', '/audit']},
  {who: 'auditor@demo.microcred.test', paths: ['/dashboard', '/audit']},
];

async function sweep(lang) {
  const problems = [];
  let seen = 0;
  for (const visit of visits) {
    const page = await phonePage(browser, {locale: lang === 'es' ? 'es-MX' : 'en-US'});
    // The language switch, as a person would use it (a signed-in user's saved language would
    // otherwise win over the browser's).
    await page.goto(`/lang/${lang}?next=/`);
    if (visit.who) await signIn(page, visit.who);
    const paths = [...visit.paths];
    if (visit.follow) {
      await page.goto(visit.follow.from);
      const hrefs = await page.locator('main a[href^="/"]').evaluateAll(as => as.map(a => a.getAttribute('href')));
      const more = [...new Set(hrefs)].filter(h => visit.follow.links.test(h) && !paths.includes(h)).slice(0, visit.follow.max);
      paths.push(...more);
    }
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
