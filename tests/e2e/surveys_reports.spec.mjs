// Surveys and reports in the browser: agency staff build a survey in the pages and send it,
// educators answer it (on phones, in English and Spanish), the results come back with small
// groups suppressed; the report pages draw their charts beside their tables, at 360 px and on a
// desktop, in both languages, and pass axe. A director reads her own program only.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {startServer, launchBrowser, phonePage, desktopPage, shot, checkA11y, scrollWidth, signIn, catalog, signUpLink} from './lib/harness.mjs';
import {client} from './lib/api_client.mjs';

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

const en = catalog('en');

// Twelve more educators sign up as people do (half choose Spanish), before the survey is sent.
async function signUpEducators(n) {
  const emails = [];
  for (let i = 0; i < n; i++) {
    const c = client(server.baseUrl);
    await c.page('/sign-up');
    const email = `survey-${i}-${Date.now()}@example.org`;
    const res = await c.form('/sign-up', {name: `Survey Educator ${i}`, email, password: 'microcred-demo',
      locale: i % 2 ? 'es' : 'en'});
    assert.equal(res.status, 200, `sign-up ${i}`);
    const opened = await c.request('GET', await signUpLink(server, email));
    await opened.arrayBuffer();
    assert.equal(opened.status, 303, `sign-up link ${i}`);
    emails.push(email);
  }
  return emails;
}

async function checkPage(page, label, width) {
  const w = await scrollWidth(page);
  assert.ok(w <= width, `${label}: ${w}px wide on a ${width}px screen`);
  await checkA11y(page, {label});
}

test('build a survey, answer it as educators, read suppressed results', {timeout: 600_000}, async () => {
  const emails = await signUpEducators(12);
  const admin = await desktopPage(browser);
  await signIn(admin, 'agency.admin@demo.microcred.test');
  await admin.goto('/admin');
  await admin.getByRole('link', {name: en('surveys.list.title'), exact: true}).click();
  await checkPage(admin, 'surveys list', 1280);
  await admin.fill('#title_en', 'When can you train?');
  await admin.fill('#title_es', '¿Cuándo puede capacitarse?');
  await admin.getByRole('button', {name: en('surveys.list.create')}).click();
  await admin.waitForURL(/\/admin\/surveys\/[a-z0-9]+/);
  await admin.selectOption('#kind', 'single');
  await admin.fill('#prompt_en', 'Which time suits you best?');
  await admin.fill('#prompt_es', '¿Qué horario le conviene más?');
  await admin.fill('#options_en', 'Weekday evenings\nWeekends');
  await admin.fill('#options_es', 'Entre semana por la noche\nFines de semana');
  await admin.getByRole('button', {name: en('surveys.edit.add')}).click();
  await admin.waitForURL(/item_added/);
  // Only people who use the pages as educators: the default audience.
  await shot(admin, 'surveys-builder-desktop-en');
  await checkPage(admin, 'survey builder', 1280);
  const surveyUrl = new URL(admin.url()).pathname;
  await admin.getByRole('button', {name: en('surveys.edit.open')}).click();
  await admin.waitForURL(/done=opened/);
  const sent = Number(new URL(admin.url()).searchParams.get('count'));
  assert.ok(sent >= 12, `sent to ${sent}`);

  // Eleven of the new educators answer from a phone: seven weekday evenings, four weekends.
  for (let i = 0; i < 11; i++) {
    const phone = await phonePage(browser, {locale: i % 2 ? 'es-MX' : 'en-US'});
    await signIn(phone, emails[i]);
    await phone.goto('/dashboard');
    const card = phone.locator('main a[href^="/surveys/"]').first();
    await card.click();
    await phone.waitForURL(/\/surveys\/[a-z0-9]+$/);
    if (i < 2) {
      await shot(phone, `surveys-answer-360-${i % 2 ? 'es' : 'en'}`);
      await checkPage(phone, `survey answer (${i % 2 ? 'es' : 'en'})`, 360);
    }
    await phone.locator('label.usa-radio__label').nth(i < 7 ? 0 : 1).click();
    await phone.locator('main form button[type="submit"]').first().click();
    await phone.waitForURL(/\/dashboard\?notice=survey_thanks/);
    // Answered: the invitation is gone from the dashboard; a second visit cannot answer again.
    assert.equal(await phone.locator('main a[href^="/surveys/"]').count(), 0);
    await phone.context().close();
  }

  // Results: 11 answered (shown); 7 and 4 are under 10 and hidden, with the note saying why.
  await admin.goto(`${surveyUrl}/results`);
  const table = admin.locator('table.mc-data-table').first();
  const cells = await table.locator('tbody td').allInnerTexts();
  assert.deepEqual(cells, ['*', '*']);
  assert.match(await admin.locator('main').innerText(), /11/);
  await shot(admin, 'surveys-results-desktop-en');
  await checkPage(admin, 'survey results', 1280);
  const csv = await admin.request.get(`${server.baseUrl}${surveyUrl}/results.csv`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /Weekday evenings,\*/);
  await admin.context().close();
});

test('report pages: charts beside their tables, 360 px and desktop, English and Spanish', {timeout: 300_000}, async () => {
  const paths = ['/admin/reports', '/admin/reports/by/language', '/admin/reports/trends?period=quarter',
    '/admin/reports/equity', '/admin/reports/impact', '/admin/reports/quarterly', '/admin/reports/micro-credentials',
    '/admin/reports/ratings'];
  for (const lang of ['en', 'es']) {
    for (const kind of ['phone', 'desktop']) {
      const page = kind === 'phone' ? await phonePage(browser, {locale: lang === 'es' ? 'es-MX' : 'en-US'})
        : await desktopPage(browser, {locale: lang === 'es' ? 'es-MX' : 'en-US'});
      await page.goto(`/lang/${lang}?next=/`);
      await signIn(page, 'agency.admin@demo.microcred.test');
      await page.goto(`/lang/${lang}?next=/`);
      for (const path of paths) {
        const res = await page.goto(path);
        assert.equal(res.status(), 200, `${path} (${lang}, ${kind})`);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        await checkPage(page, `${path} (${lang}, ${kind})`, kind === 'phone' ? 360 : 1280);
        if (path === '/admin/reports' || path === '/admin/reports/quarterly') {
          // Chartist drew bars or a line (SVG) into the area beside the first table it could.
          await page.waitForFunction(() => {
            const a = document.querySelector('[data-chart-drawn]');
            return a && a.querySelector('svg .ct-bar, svg .ct-line, svg .ct-point');
          });
          await shot(page, `reports-${path.split('/').pop()}-${kind}-${lang}`);
        }
      }
      await page.context().close();
    }
  }
});

test('a director reads her own program only', {timeout: 120_000}, async () => {
  const page = await phonePage(browser);
  await signIn(page, 'director@demo.microcred.test');
  await page.goto('/dashboard');
  await page.getByRole('link', {name: en('reports.card.go')}).click();
  await page.waitForURL(/\/admin\/reports$/);
  assert.match(await page.locator('.mc-scope').innerText(), /Little Oaks Learning Center/);
  await checkPage(page, 'director reports', 360);
  await shot(page, 'reports-director-360-en');
  assert.equal((await page.goto('/admin/reports/ratings')).status(), 403);
  assert.equal((await page.goto('/admin/surveys')).status(), 403);
  await page.context().close();
});
