// An employer on a phone checks credentials as other issuers in the field make them: an early
// Open Badges 3.0 badge on the VC 1.1 data model signed with Ed25519Signature2020 and a did:key
// (tests/e2e/fixtures, made by our signer with a throwaway key), and a VC-JWT that carries its own
// key in the header. Each is read (not refused as unknown), the signature is checked, and the page
// says plainly that the issuer is NOT confirmed, with what is unusual about it, in English and Spanish.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import {startServer, launchBrowser, phonePage, shot, checkA11y, scrollWidth, catalog} from './lib/harness.mjs';

const en = catalog('en');
const es = catalog('es');
const vc11 = fs.readFileSync(new URL('./fixtures/vc11-ed25519-2020-did-key.json', import.meta.url), 'utf8');
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

const b64url = buf => Buffer.from(buf).toString('base64url');

// A VC-JWT whose header carries the signing key as a JWK (the OB 3.0 spec allows it).
function jwkJwt(credential) {
  const {publicKey, privateKey} = crypto.generateKeyPairSync('ed25519');
  const jwk = publicKey.export({format: 'jwk'});
  const vc = structuredClone(credential);
  delete vc.proof;
  delete vc['@context'];
  vc['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
  vc.validFrom = vc.issuanceDate;
  delete vc.issuanceDate;
  const payload = {...vc, iss: vc.issuer.id, jti: vc.id, nbf: Math.floor(Date.parse(vc.validFrom) / 1000)};
  const input = `${b64url(JSON.stringify({alg: 'EdDSA', typ: 'JWT', jwk}))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(crypto.sign(null, Buffer.from(input), privateKey))}`;
}

async function check(page, text) {
  await page.goto('/verify');
  await page.locator('#verify-text').fill(text);
  await Promise.all([page.waitForLoadState('load'), page.locator('#verify-form button[type="submit"]').click()]);
  await page.locator('[data-verdict]').first().waitFor();
}

async function notes(page) {
  return (await page.locator('[data-notes] li').allInnerTexts()).map(t => t.trim());
}

test('field credentials are read and shown as "issuer NOT confirmed" on the phone, in both languages', {timeout: 180_000}, async () => {
  const visitor = await phonePage(browser, {locale: 'en-US'});
  await check(visitor, vc11);
  assert.equal(await visitor.locator('[data-verdict]').getAttribute('data-verdict'), 'unconfirmed');
  assert.equal((await visitor.locator('.usa-alert__heading').first().innerText()).trim(), en('credentials.verdict.unconfirmed'));
  assert.equal(await visitor.locator('[data-trust-badge="unconfirmed"]').count(), 1);
  assert.equal(await visitor.locator('.usa-alert--success').count(), 0, 'no green "valid" box');
  const issued = JSON.parse(vc11).issuanceDate.slice(0, 10);
  assert.match(await visitor.locator('.mc-report').innerText(), new RegExp(issued), 'the VC 1.1 issue date is shown as "valid from"');
  const said = await notes(visitor);
  for (const key of ['vc_1_1', 'legacy_suite', 'did_key']) assert.ok(said.includes(en(`credentials.notes.${key}`)), `note ${key}: ${said}`);
  assert.ok((await scrollWidth(visitor)) <= 360, 'no sideways scrolling at 360 px');
  await checkA11y(visitor, {label: 'verify VC 1.1 did:key (en)'});
  await shot(visitor, 'verify-field-vc11-en-phone');

  const token = jwkJwt(JSON.parse(vc11));
  await check(visitor, token);
  assert.equal(await visitor.locator('[data-verdict]').getAttribute('data-verdict'), 'unconfirmed');
  assert.ok((await notes(visitor)).includes(en('credentials.notes.embedded_jwk')));
  await checkA11y(visitor, {label: 'verify embedded jwk (en)'});
  await shot(visitor, 'verify-field-jwk-en-phone');

  const visitante = await phonePage(browser, {locale: 'es-MX'});
  await visitante.goto('/lang/es?next=/verify');
  await check(visitante, vc11);
  assert.equal(await visitante.locator('[data-verdict]').getAttribute('data-verdict'), 'unconfirmed');
  assert.equal((await visitante.locator('.usa-alert__heading').first().innerText()).trim(), es('credentials.verdict.unconfirmed'));
  const dicho = await notes(visitante);
  for (const key of ['vc_1_1', 'legacy_suite', 'did_key']) assert.ok(dicho.includes(es(`credentials.notes.${key}`)), `nota ${key}: ${dicho}`);
  assert.ok((await scrollWidth(visitante)) <= 360, 'no sideways scrolling at 360 px (es)');
  await checkA11y(visitante, {label: 'verify VC 1.1 did:key (es)'});
  await shot(visitante, 'verify-field-vc11-es-phone');

  // One changed letter: not valid, no trust badge, no notes about a signature that does not hold.
  const tampered = JSON.parse(vc11);
  tampered.name = `${tampered.name}!`;
  await check(visitor, JSON.stringify(tampered));
  assert.equal(await visitor.locator('[data-verdict]').getAttribute('data-verdict'), 'invalid');
  assert.equal(await visitor.locator('[data-trust-badge]').count(), 0);
});
