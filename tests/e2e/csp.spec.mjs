// The Content-Security-Policy (no inline script, frame-ancestors 'none') must not break a page:
// the main pages of each kind of user are opened in a real browser and every CSP violation the
// browser reports (securitypolicyviolation events and console errors) is counted. Zero expected,
// with the header present on every page.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, shot, signIn} from './lib/harness.mjs';

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

const visits = [
  {who: null, paths: ['/', '/sign-in', '/sign-up', '/catalog', '/verify']},
  {who: 'educator@demo.microcred.test', paths: ['/dashboard', '/profile', '/learning', '/wallet', '/notifications']},
  {who: 'assessor@demo.microcred.test', paths: ['/assess', '/assessors/training']},
  {who: 'program.admin@demo.microcred.test', paths: ['/admin', '/admin/queue', '/admin/reliability', '/admin/awards']},
  {who: 'agency.admin@demo.microcred.test', paths: ['/admin/users', '/admin/issuer', '/audit']},
];

test('no page breaks its Content-Security-Policy', async () => {
  const violations = [];
  let pages = 0;
  for (const visit of visits) {
    const page = await phonePage(browser);
    // Collected from the page itself: the listener is added by Playwright, which CSP does not block.
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', e =>
        window.__csp.push(`${e.violatedDirective} ${e.blockedURI || 'inline'} ${e.sourceFile || ''}:${e.lineNumber || ''}`));
    });
    page.on('console', msg => {
      if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
    });
    if (visit.who) await signIn(page, visit.who);
    for (const path of visit.paths) {
      const res = await page.goto(path);
      assert.ok(res, `${path}: no response`);
      const csp = res.headers()['content-security-policy'] ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, `${path}: CSP header ${csp}`);
      assert.match(csp, /frame-ancestors 'none'/, `${path}: CSP header ${csp}`);
      await page.waitForLoadState('load');
      const seen = await page.evaluate(() => window.__csp ?? []);
      for (const v of seen) violations.push(`${visit.who ?? 'visitor'} ${path}: ${v}`);
      pages++;
    }
    if (visit.who === 'educator@demo.microcred.test') await shot(page, 'csp-educator-notifications');
    await page.context().close();
  }
  // The counter itself works: an inline script added to a page is blocked and reported.
  const control = await phonePage(browser);
  await control.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', () => window.__csp.push('seen'));
  });
  await control.goto('/');
  await control.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.appendChild(s);
  });
  await control.waitForFunction(() => window.__csp.length > 0, null, {timeout: 5000});
  assert.equal(await control.evaluate(() => window.__ran ?? false), false, 'an inline script ran despite the CSP');
  await control.context().close();
  console.log(`CSP: ${pages} pages opened, ${violations.length} violation(s)`);
  assert.deepEqual(violations, [], violations.join('\n'));
  assert.ok(pages >= 15);
});
