// An employer on a phone pastes a credential that names the state licensing office as its issuer
// but was signed by somebody else's key (published "under" the office's https id, as anyone can
// write). The page must say first, in plain words, that the signature is intact but the issuer is
// NOT confirmed, in English and in Spanish, at 360 px, with no trust badge for the agency; our own
// credential, pasted the same way, says "issued by this agency".
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {startServer, launchBrowser, phonePage, shot, checkA11y, scrollWidth, catalog} from './lib/harness.mjs';
import {earnedCredential} from './lib/api_journeys.mjs';

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

const b64url = buf => Buffer.from(buf).toString('base64url');
function base58btc(bytes) {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = BigInt('0x' + Buffer.from(bytes).toString('hex'));
  let out = '';
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

// A VC-JWT of `credential` re-issued in the name of `issuerId` with a fresh key of our own,
// its kid being "<issuerId>#z6Mk...": the signature is real, the issuer is not.
function forgeJwt(credential, issuerId) {
  const {publicKey, privateKey} = crypto.generateKeyPairSync('ed25519');
  const raw = publicKey.export({format: 'der', type: 'spki'}).subarray(-32);
  const multibase = 'z' + base58btc(Buffer.concat([Buffer.from([0xed, 0x01]), raw]));
  const vc = structuredClone(credential);
  delete vc.proof;
  delete vc.credentialStatus;
  vc.issuer = {...vc.issuer, id: issuerId, name: 'State Child Care Licensing Office'};
  const payload = {...vc, iss: issuerId, jti: vc.id, nbf: Math.floor(Date.parse(vc.validFrom) / 1000)};
  if (vc.credentialSubject?.id) payload.sub = vc.credentialSubject.id;
  const input = `${b64url(JSON.stringify({alg: 'EdDSA', typ: 'JWT', kid: `${issuerId}#${multibase}`}))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(crypto.sign(null, Buffer.from(input), privateKey))}`;
}

async function check(page, text) {
  await page.goto('/verify');
  await page.locator('#verify-text').fill(text);
  await Promise.all([page.waitForLoadState('load'), page.locator('#verify-form button[type="submit"]').click()]);
  await page.locator('[data-verdict]').first().waitFor();
}

test('a forged credential is "signature intact, issuer NOT confirmed" on the phone, in both languages', {timeout: 180_000}, async () => {
  const {award, educator} = await earnedCredential(server.baseUrl, 'responsive-serve-and-return');
  const res = await educator.request('GET', `/credentials/${award}/credential.json`);
  assert.equal(res.status, 200);
  const ours = await res.json();
  const forged = forgeJwt(ours, 'https://licensing.example.gov/issuers/ece');

  const visitor = await phonePage(browser, {locale: 'en-US'});
  await check(visitor, forged);
  const alert = visitor.locator('[data-verdict]');
  assert.equal(await alert.getAttribute('data-verdict'), 'unconfirmed');
  assert.equal((await visitor.locator('.usa-alert__heading').first().innerText()).trim(), en('credentials.verdict.unconfirmed'));
  assert.equal(await visitor.locator('[data-trust-badge="unconfirmed"]').count(), 1, 'the issuer row says "not confirmed"');
  assert.equal(await visitor.locator('[data-trust-badge="agency"], [data-trust-badge="trusted"]').count(), 0);
  assert.equal(await visitor.locator('.usa-alert--success').count(), 0, 'no green "valid" box');
  assert.notEqual((await visitor.locator('[data-revocation]').innerText()).trim(), en('credentials.report.status_checked'));
  assert.ok((await scrollWidth(visitor)) <= 360, 'no sideways scrolling at 360 px');
  await checkA11y(visitor, {label: 'verify forged (en)'});
  await shot(visitor, 'verify-forged-unconfirmed-en-phone');

  const visitante = await phonePage(browser, {locale: 'es-MX'});
  await visitante.goto('/lang/es?next=/verify');
  await check(visitante, forged);
  assert.equal(await visitante.locator('[data-verdict]').getAttribute('data-verdict'), 'unconfirmed');
  assert.equal((await visitante.locator('.usa-alert__heading').first().innerText()).trim(), es('credentials.verdict.unconfirmed'));
  assert.match(await visitante.locator('main').innerText(), new RegExp(es('credentials.report.issuer_unconfirmed')));
  assert.ok((await scrollWidth(visitante)) <= 360, 'no sideways scrolling at 360 px (es)');
  await checkA11y(visitante, {label: 'verify forged (es)'});
  await shot(visitante, 'verify-forged-unconfirmed-es-phone');

  // Our own credential, pasted the same way, is issued by this agency; one changed letter is not valid
  // and shows no trust badge at all.
  await check(visitor, JSON.stringify(ours));
  assert.equal(await visitor.locator('[data-verdict]').getAttribute('data-verdict'), 'valid');
  assert.equal(await visitor.locator('[data-trust-badge="agency"]').count(), 1);
  await shot(visitor, 'verify-ours-agency-en-phone');
  const tampered = structuredClone(ours);
  tampered.name = `${tampered.name}!`;
  await check(visitor, JSON.stringify(tampered));
  assert.equal(await visitor.locator('[data-verdict]').getAttribute('data-verdict'), 'invalid');
  assert.equal(await visitor.locator('[data-trust-badge]').count(), 0, 'a tampered copy shows no trust badge');
  await checkA11y(visitor, {label: 'verify tampered (en)'});
});

test('a /verify body over the limit gets 413 with a message, and the server goes on', {timeout: 60_000}, async () => {
  const body = new URLSearchParams({credential: 'x'.repeat(4_400_000)});
  const res = await fetch(`${server.baseUrl}/verify`, {method: 'POST', body, headers: {accept: 'application/json'}});
  assert.equal(res.status, 413);
  const text = await res.text();
  assert.match(text, new RegExp(en('errors.too_large')));
  assert.equal((await fetch(`${server.baseUrl}/verify`)).status, 200);
});
