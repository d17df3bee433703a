// Page weight on a metered phone link, from the bytes the browser receives (Chromium's own count
// of encoded bytes per request, headers included), never from a timing. Every page the layout
// sweep opens (lib/page_visits.mjs): <= 100 KB on a first visit with an empty cache, <= 15 KB on
// a repeat visit (only the page itself travels; assets come from the cache without a question).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {startServer, launchBrowser, phonePage, artifactsDir} from './lib/harness.mjs';
import {visits, pathsOf, startVisit} from './lib/page_visits.mjs';

const FIRST_VISIT_LIMIT = 100 * 1024;
const REPEAT_VISIT_LIMIT = 15 * 1024;
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

// Counts the bytes of every request the page makes from now until it is idle.
async function meter(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  let requests = [];
  cdp.on('Network.responseReceived', e => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', e => {
    requests.push({url: urls.get(e.requestId) ?? '?', bytes: e.encodedDataLength});
  });
  return {
    cdp,
    async load(p) {
      // about:blank first: a goto to the URL already shown would be a reload, which revalidates.
      await page.goto('about:blank');
      requests = [];
      const res = await page.goto(p);
      await page.waitForLoadState('networkidle', {timeout: 10_000}).catch(() => {});
      const total = requests.reduce((n, r) => n + r.bytes, 0);
      return {status: res?.status(), total, requests: [...requests]};
    },
  };
}

const kb = n => `${(n / 1024).toFixed(1)} KB`;
const heaviest = reqs => [...reqs].sort((a, b) => b.bytes - a.bytes).slice(0, 4)
  .map(r => `${new URL(r.url, 'http://x').pathname} ${kb(r.bytes)}`).join(', ');

async function sweep(lang) {
  const problems = [];
  const rows = [];
  for (const visit of visits) {
    const page = await phonePage(browser, {locale: lang === 'es' ? 'es-MX' : 'en-US'});
    await startVisit(page, visit, lang);
    const paths = await pathsOf(page, visit);
    const m = await meter(page);
    for (const p of paths) {
      const label = `${visit.who ?? 'visitor'} ${p} (${lang})`;
      await m.cdp.send('Network.clearBrowserCache');
      const first = await m.load(p);
      const repeat = await m.load(p);
      rows.push({page: label, first: first.total, repeat: repeat.total});
      if (!first.status || first.status >= 400) problems.push(`${label}: status ${first.status}`);
      if (first.total > FIRST_VISIT_LIMIT)
        problems.push(`${label}: first visit ${kb(first.total)} > ${kb(FIRST_VISIT_LIMIT)} (${heaviest(first.requests)})`);
      if (repeat.total > REPEAT_VISIT_LIMIT)
        problems.push(`${label}: repeat visit ${kb(repeat.total)} > ${kb(REPEAT_VISIT_LIMIT)} (${heaviest(repeat.requests)})`);
    }
    await page.context().close();
  }
  return {problems, rows};
}

for (const lang of ['en', 'es']) {
  test(`every page is light on a phone link in ${lang === 'es' ? 'Spanish' : 'English'}`, {timeout: 300_000}, async t => {
    const {problems, rows} = await sweep(lang);
    fs.mkdirSync(artifactsDir, {recursive: true});
    fs.writeFileSync(path.join(artifactsDir, `weight-${lang}.json`), JSON.stringify(rows, null, 1));
    const worstFirst = rows.reduce((a, r) => (r.first > a.first ? r : a), rows[0]);
    const worstRepeat = rows.reduce((a, r) => (r.repeat > a.repeat ? r : a), rows[0]);
    t.diagnostic(`${rows.length} pages; heaviest first visit ${worstFirst.page} ${kb(worstFirst.first)}; ` +
      `heaviest repeat ${worstRepeat.page} ${kb(worstRepeat.repeat)}`);
    assert.ok(rows.length >= 25, `only ${rows.length} pages were reached`);
    assert.deepEqual(problems, [], `too heavy on ${problems.length} page loads:\n${problems.join('\n')}`);
  });
}
