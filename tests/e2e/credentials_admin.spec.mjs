// Credentials administration end to end, in Spanish on a 360 px phone:
//   1. program staff issue two achievements to a list with `microcred credentials issue` (the
//      CLI, against the running server's database); a second run issues nothing twice;
//   2. the agency admin replaces the issuer's signing key (confirmation required);
//   3. the educator downloads the Comprehensive Learner Record (CLR 2.0) from the wallet; it is
//      signed with the new key, carries credentials signed with the old one, and the public
//      verify page accepts it.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {repo, startServer, launchBrowser, phonePage, shot, checkA11y, scrollWidth, signIn, catalog} from './lib/harness.mjs';

const es = catalog('es');
const bin = process.env.MICROCRED_BIN || path.join(repo, 'build/release/src/app/microcred');
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

async function spanishPhone() {
  const page = await phonePage(browser, {locale: 'es'});
  await page.context().addCookies([{name: 'mc_lang', value: 'es', url: server.baseUrl}]);
  return page;
}

async function expectFits(page, label) {
  const width = await scrollWidth(page);
  const widest = await page.evaluate(() => [...document.querySelectorAll('main *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(-3).map(e => e.tagName + '.' + e.className).join(', '));
  assert.ok(width <= 360, `${label} scrolls sideways at 360 px: ${width} (${widest})`);
}

function issue(slug, csvFile) {
  return spawnSync(bin, ['credentials', 'issue', '--achievement', slug, '--csv', csvFile, '--locale', 'es',
    '--base-url', server.baseUrl,
    '--database', `sqlite:${path.join(server.dataDir, 'microcred.db')}`, '--data-dir', path.join(server.dataDir, 'data'),
    '--source-dir', process.env.MICROCRED_SOURCE_DIR || repo], {encoding: 'utf8'});
}

test('bulk issue, key rotation and the learner record, in Spanish at 360 px', async () => {
  // 1. Bulk issue through the CLI: two achievements to the demo educator and a newcomer.
  const list = await (await fetch(`${server.baseUrl}/api/v1/micro-credentials`, {headers: {accept: 'application/json'}})).json();
  const slugs = (list.items ?? list).map(m => m.slug).slice(0, 2);
  assert.equal(slugs.length, 2, 'the demo catalog has two published micro-credentials');
  const csv = path.join(server.dataDir, 'recipients.csv');
  fs.writeFileSync(csv, 'name,email\r\nDemo Educator,educator@demo.microcred.test\r\n"Ríos, Carmen",carmen.rios@example.org\r\n');
  for (const slug of slugs) {
    const run = issue(slug, csv);
    assert.equal(run.status, 0, `issue ${slug}: ${run.stderr}`);
    assert.match(run.stdout, /2 credencial\(es\) emitida\(s\)/);
  }
  const again = issue(slugs[0], csv);
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /0 credencial\(es\) emitida\(s\), 2 destinatario\(s\) ya la tenían/);
  const broken = path.join(server.dataDir, 'broken.csv');
  fs.writeFileSync(broken, 'name,email\nAna,ana@\n');
  const refused = issue(slugs[0], broken);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /línea 2: "ana@" no es una dirección de correo electrónico/);

  // 2. The agency admin replaces the signing key.
  const admin = await spanishPhone();
  await signIn(admin, 'agency.admin@demo.microcred.test');
  await admin.goto('/admin/awards');
  await Promise.all([admin.waitForURL('**/admin/issuer'),
    admin.getByRole('link', {name: es('credentials.keys.heading')}).click()]);
  assert.equal((await admin.locator('main h1').innerText()).trim(), es('credentials.keys.heading'));
  const oldKey = (await admin.locator('tr[data-key-state="active"] code').innerText()).trim();
  await checkA11y(admin, {label: 'issuer key (es, phone)'});
  await shot(admin, 'credentials-admin-issuer-es-360');
  await expectFits(admin, 'issuer key page');
  // Without the confirmation nothing changes and the page says why.
  await admin.locator('form[action="/admin/issuer/rotate-key"] button[type="submit"]').click();
  await admin.locator('#form-errors').waitFor();
  assert.match(await admin.locator('#form-errors').innerText(), new RegExp(es('credentials.keys.confirm_required')));
  assert.equal((await admin.locator('tr[data-key-state="active"] code').innerText()).trim(), oldKey);
  await checkA11y(admin, {label: 'issuer key, unconfirmed (es, phone)'});
  await shot(admin, 'credentials-admin-issuer-unconfirmed-es-360');
  await admin.locator('label[for="confirm-rotate"]').click();
  await Promise.all([
    admin.waitForURL(/notice=rotated/),
    admin.locator('form[action="/admin/issuer/rotate-key"] button[type="submit"]').click(),
  ]);
  assert.match(await admin.locator('main .usa-alert--success').innerText(), new RegExp(es('credentials.keys.rotated')));
  const newKey = (await admin.locator('tr[data-key-state="active"] code').innerText()).trim();
  assert.notEqual(newKey, oldKey);
  assert.equal((await admin.locator('tr[data-key-state="retired"] code').first().innerText()).trim(), oldKey);
  await checkA11y(admin, {label: 'issuer key, rotated (es, phone)'});
  await shot(admin, 'credentials-admin-issuer-rotated-es-360');
  await expectFits(admin, 'issuer key page after rotation');

  // 3. The educator downloads the learner record and checks it on the public verify page.
  const educator = await spanishPhone();
  await signIn(educator, 'educator@demo.microcred.test');
  await educator.goto('/wallet');
  const button = educator.getByRole('link', {name: es('credentials.clr.download')});
  await button.waitFor();
  await checkA11y(educator, {label: 'wallet (es, phone)'});
  await shot(educator, 'credentials-wallet-clr-es-360');
  await expectFits(educator, 'wallet');
  const [download] = await Promise.all([educator.waitForEvent('download'), button.click()]);
  const clrText = fs.readFileSync(await download.path(), 'utf8');
  const clr = JSON.parse(clrText);
  assert.deepEqual(clr.type, ['VerifiableCredential', 'ClrCredential']);
  assert.ok(clr.proof.verificationMethod.endsWith('#' + newKey), 'the record is signed with the new key');
  const inner = clr.credentialSubject.verifiableCredential;
  assert.ok(inner.length >= 2);
  assert.ok(inner.some(vc => vc.proof.verificationMethod.endsWith('#' + oldKey)), 'it carries credentials signed with the old key');

  await educator.goto('/verify');
  await educator.locator('#verify-text').fill(clrText);
  await Promise.all([educator.waitForURL('**/verify'), educator.locator('#verify-form button[type="submit"]').click()]);
  await educator.locator('[data-verdict]').first().waitFor();
  assert.equal(await educator.locator('[data-verdict]').first().getAttribute('data-verdict'), 'valid');
  assert.match(await educator.locator('main').innerText(), new RegExp(es('credentials.verdict.valid')));
  assert.equal(await educator.getByRole('heading', {name: es('credentials.report.problems')}).count(), 0, 'no problem is listed');
  await checkA11y(educator, {label: 'verify learner record (es, phone)'});
  await shot(educator, 'credentials-verify-clr-es-360');
  await expectFits(educator, 'verify result');
});
