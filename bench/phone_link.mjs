// First paint and load of real pages on a cheap phone's link (400 ms round trip, 50 KB/s down
// and up, set through the Chrome DevTools Protocol in Debian's chromium), each as a ratio to the
// same page stripped to its HTML alone (no CSS, scripts or images; served gzipped from a bare
// node server on the same machine through the same throttled link). A ratio near 1 means the
// page costs little more than its words; figures are for reading, not pass/fail.
//   node bench/phone_link.mjs            # BENCH_RUNS=3 to tune; needs build/release
import http from 'node:http';
import zlib from 'node:zlib';
import {startServer, launchBrowser, phonePage, signIn, shot} from '../tests/e2e/lib/harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 3);
const LINK = {offline: false, latency: 400, downloadThroughput: 50 * 1024, uploadThroughput: 50 * 1024};

const pages = [
  {who: null, path: '/'},
  {who: null, path: '/catalog'},
  {who: null, path: '/sign-in'},
  {who: 'educator@demo.microcred.test', path: '/dashboard'},
  {who: 'educator@demo.microcred.test', path: '/learning'},
  {who: 'program.admin@demo.microcred.test', path: '/admin/awards'},
];

// The page's HTML with every stylesheet, script, image and icon taken out.
function stripped(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*>/gi, '')
    .replace(/<img\b[^>]*>/gi, '')
    .replace(/<(video|audio)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
}

function referenceServer() {
  const bodies = new Map();
  const server = http.createServer((req, res) => {
    const body = bodies.get(req.url);
    if (!body) { res.writeHead(404); res.end(); return; }
    const gz = zlib.gzipSync(body);
    res.writeHead(200, {'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'cache-control': 'no-store'});
    res.end(gz);
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`, bodies, close: () => new Promise(r => server.close(r)),
  })));
}

// One cold load (empty cache) on the throttled link: first paint and load event, in ms.
async function coldLoad(page, cdp, url) {
  await page.goto('about:blank');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', LINK);
  await page.goto(url, {waitUntil: 'load', timeout: 120_000});
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-contentful-paint')[0] ?? performance.getEntriesByName('first-paint')[0];
    return {paint: paint?.startTime ?? NaN, load: nav.loadEventEnd};
  });
  await cdp.send('Network.emulateNetworkConditions', {offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1});
  return t;
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
const ref = await referenceServer();
const browser = await launchBrowser();
const rows = [];
try {
  for (const p of pages) {
    const page = await phonePage(browser);
    if (p.who) await signIn(page, p.who);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await page.goto(p.path);
    ref.bodies.set(p.path, stripped(await page.content()));
    const real = [];
    const bare = [];
    for (let i = 0; i < RUNS; i++) {
      real.push(await coldLoad(page, cdp, server.baseUrl + p.path));
      bare.push(await coldLoad(page, cdp, ref.url + p.path));
    }
    await page.goto(server.baseUrl + p.path);
    await shot(page, `bench-phone-link${p.path.replace(/\//g, '_') || '_home'}`);
    const r = {paint: median(real.map(x => x.paint)), load: median(real.map(x => x.load))};
    const b = {paint: median(bare.map(x => x.paint)), load: median(bare.map(x => x.load))};
    rows.push({page: `${p.who ? p.who.split('@')[0] : 'visitor'} ${p.path}`, r, b});
    await page.context().close();
  }
} finally {
  await browser.close();
  await ref.close();
  await server.stop();
}

console.log(`\nPhone link (400 ms RTT, 50 KB/s), cold cache, median of ${RUNS}; reference: the same page as bare HTML\n`);
console.log('| page | first paint ms | bare HTML ms | ratio | load ms | bare HTML ms | ratio |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const {page, r, b} of rows)
  console.log(`| ${page} | ${r.paint.toFixed(0)} | ${b.paint.toFixed(0)} | ${(r.paint / b.paint).toFixed(2)} | ` +
    `${r.load.toFixed(0)} | ${b.load.toFixed(0)} | ${(r.load / b.load).toFixed(2)} |`);
