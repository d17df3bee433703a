// An app connects to an educator's account through the Open Badges 3.0 API, end to end: it reads
// the discovery document, registers itself, sends her to the consent page (she approves in
// chromium on a 360 px phone; a Spanish-speaking educator denies), exchanges the code with its
// PKCE verifier, reads her credentials and profile, refreshes, revokes, and is refused after.
// No OAuth client library is installed in this checkout's node_modules, so the app's side is
// written with fetch, following RFC 6749, 7591, 7636 and 7009 as the server documents them.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {startServer, launchBrowser, phonePage, shot, checkA11y, scrollWidth, signIn, catalog, repo} from './lib/harness.mjs';

const en = catalog('en');
const es = catalog('es');
const SCOPE = 'https://purl.imsglobal.org/spec/ob/v3p0/scope/';
let server;
let browser;
let app; // the app's redirect endpoint: records each callback
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const calls = [];
  const waiters = [];
  const receiver = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    calls.push(url);
    res.writeHead(200, {'content-type': 'text/plain'});
    res.end('the app received the answer');
    while (waiters.length) waiters.shift()();
  });
  await new Promise(resolve => receiver.listen(0, '127.0.0.1', resolve));
  app = {
    receiver, calls,
    redirect: `http://127.0.0.1:${receiver.address().port}/cb`,
    next: () => new Promise(resolve => waiters.push(resolve)),
  };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  app?.receiver.close();
});

const b64url = buf => Buffer.from(buf).toString('base64url');
const form = (url, fields, headers = {}) => fetch(url, {
  method: 'POST', body: new URLSearchParams(fields),
  headers: {'content-type': 'application/x-www-form-urlencoded', ...headers},
});

test('discovery, registration, consent on the phone, tokens, credentials, refresh, revoke', {timeout: 180_000}, async () => {
  // Discovery, as any OB 3.0 client starts.
  const disc = await fetch(`${server.baseUrl}/ims/ob/v3p0/discovery`);
  assert.equal(disc.status, 200);
  const scheme = (await disc.json()).components.securitySchemes.OAuth2ACG;
  const flow = scheme.flows.authorizationCode;
  assert.deepEqual(Object.keys(flow.scopes).sort(),
    ['credential.readonly', 'credential.upsert', 'profile.readonly', 'profile.update'].map(s => SCOPE + s).sort());

  // Dynamic client registration at the URL the document names.
  const reg = await fetch(scheme['x-imssf-registrationUrl'], {
    method: 'POST', headers: {'content-type': 'application/json'},
    body: JSON.stringify({client_name: 'Learner Backpack', client_uri: 'https://backpack.example/',
      redirect_uris: [app.redirect], token_endpoint_auth_method: 'client_secret_basic',
      grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      scope: `${SCOPE}credential.readonly ${SCOPE}credential.upsert ${SCOPE}profile.readonly`}),
  });
  assert.equal(reg.status, 201);
  const client = await reg.json();
  const basic = {authorization: 'Basic ' + Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')};
  const badReg = await fetch(scheme['x-imssf-registrationUrl'], {
    method: 'POST', headers: {'content-type': 'application/json'},
    body: JSON.stringify({client_name: 'x', redirect_uris: ['http://backpack.example/cb']}),
  });
  assert.equal(badReg.status, 400);
  assert.equal((await badReg.json()).error, 'invalid_redirect_uri');

  const verifier = b64url(crypto.randomBytes(32));
  const challenge = b64url(crypto.createHash('sha256').update(verifier).digest());
  const authorizeUrl = state => `${flow.authorizationUrl}?` + new URLSearchParams({
    response_type: 'code', client_id: client.client_id, redirect_uri: app.redirect, state,
    code_challenge: challenge, code_challenge_method: 'S256',
    scope: `${SCOPE}credential.readonly ${SCOPE}credential.upsert ${SCOPE}profile.readonly`,
  });

  // Maria, on her phone: signs in, sees the consent page, approves.
  const maria = await phonePage(browser, {locale: 'en-US'});
  await signIn(maria, 'educator@demo.microcred.test');
  await maria.goto(authorizeUrl('s-en'));
  assert.equal((await maria.locator('h1').innerText()).trim(), en('ob3api.consent.heading'));
  assert.equal((await maria.locator('.mc-app-name').innerText()).trim(), 'Learner Backpack');
  const items = await maria.locator('main .usa-list li').allInnerTexts();
  assert.deepEqual(items.map(s => s.trim()),
    [en('ob3api.scopes.credential_readonly'), en('ob3api.scopes.credential_upsert'), en('ob3api.scopes.profile_readonly')]);
  assert.ok((await scrollWidth(maria)) <= 360, 'no sideways scrolling at 360 px');
  await checkA11y(maria, {label: 'consent (en)'});
  await shot(maria, 'ob3-consent-en-phone');
  const arrived = app.next();
  await maria.locator('button[value="approve"]').click();
  await arrived;
  const back = app.calls.at(-1);
  assert.equal(back.searchParams.get('state'), 's-en');
  const code = back.searchParams.get('code');
  assert.ok(code, 'the app received a code');

  // Lucía, in Spanish: the same page in her language; she denies.
  const lucia = await phonePage(browser, {locale: 'es-MX'});
  await signIn(lucia, 'educadora@demo.microcred.test');
  await lucia.goto(authorizeUrl('s-es'));
  assert.equal((await lucia.locator('h1').innerText()).trim(), es('ob3api.consent.heading'));
  assert.ok((await scrollWidth(lucia)) <= 360, 'no sideways scrolling at 360 px (es)');
  await checkA11y(lucia, {label: 'consent (es)'});
  await shot(lucia, 'ob3-consent-es-phone');
  const denied = app.next();
  await lucia.locator('button[value="deny"]').click();
  await denied;
  assert.equal(app.calls.at(-1).searchParams.get('error'), 'access_denied');

  // The code, with the PKCE verifier, for tokens.
  let res = await form(flow.tokenUrl, {grant_type: 'authorization_code', code, redirect_uri: app.redirect,
    code_verifier: verifier}, basic);
  assert.equal(res.status, 200);
  const tokens = await res.json();
  assert.equal(tokens.token_type, 'Bearer');
  const bearer = t => ({authorization: `Bearer ${t}`});

  res = await fetch(`${server.baseUrl}/ims/ob/v3p0/credentials?limit=5`, {headers: bearer(tokens.access_token)});
  assert.equal(res.status, 200);
  const total = Number(res.headers.get('x-total-count'));
  assert.ok(Number.isInteger(total) && total >= 0);
  assert.match(res.headers.get('link'), /rel="first"/);
  const page = await res.json();
  assert.equal((page.credential ?? []).length, Math.min(total, 5));
  res = await fetch(`${server.baseUrl}/ims/ob/v3p0/profile`, {headers: bearer(tokens.access_token)});
  assert.equal(res.status, 200);
  assert.equal((await res.json()).name, 'Maria Lopez');

  // The app brings in a credential from elsewhere (a VC 1.1 badge signed with a did:key): it is
  // checked on the way in and shown with what the check found; sending it again changes nothing.
  const field = fs.readFileSync(path.join(repo, 'tests/e2e/fixtures/vc11-ed25519-2020-did-key.json'), 'utf8');
  const upsert = () => fetch(`${server.baseUrl}/ims/ob/v3p0/credentials`, {
    method: 'POST', body: field, headers: {...bearer(tokens.access_token), 'content-type': 'application/json'}});
  res = await upsert();
  assert.equal(res.status, 201);
  res = await upsert();
  assert.equal(res.status, 304);

  // Her connected apps list the app, with what it may do, and the credential it brought in.
  await maria.goto('/profile/apps');
  assert.equal(await maria.locator('.mc-connected-app').count(), 1);
  assert.match(await maria.locator('.mc-connected-app').innerText(), /Learner Backpack/);
  assert.equal(await maria.locator('.mc-imported li').count(), 1);
  assert.equal(await maria.locator('.mc-import-verdict').getAttribute('data-confirmed'), 'false');
  assert.equal((await maria.locator('.mc-import-verdict').innerText()).trim(), en('credentials.verdict.unconfirmed'));
  assert.ok((await scrollWidth(maria)) <= 360);
  await checkA11y(maria, {label: 'connected apps (en)'});
  await shot(maria, 'ob3-apps-en-phone');

  // Refresh rotates; the new access token works.
  res = await form(flow.refreshUrl, {grant_type: 'refresh_token', refresh_token: tokens.refresh_token}, basic);
  assert.equal(res.status, 200);
  const fresh = await res.json();
  assert.notEqual(fresh.refresh_token, tokens.refresh_token);
  res = await fetch(`${server.baseUrl}/ims/ob/v3p0/credentials`, {headers: bearer(fresh.access_token)});
  assert.equal(res.status, 200);

  // The app revokes; its tokens stop working.
  res = await form(scheme['x-microcred-revocationUrl'], {token: fresh.refresh_token, token_type_hint: 'refresh_token'}, basic);
  assert.equal(res.status, 200);
  res = await fetch(`${server.baseUrl}/ims/ob/v3p0/credentials`, {headers: bearer(fresh.access_token)});
  assert.equal(res.status, 401);
  const body = await res.json();
  assert.equal(body.imsx_codeMajor, 'failure');
  assert.match(res.headers.get('www-authenticate'), /^Bearer/);
  await maria.goto('/profile/apps');
  assert.equal(await maria.locator('.mc-connected-app').count(), 0);

  // Nothing secret reached the server's log: not the client secret, a code, or a token.
  const log = server.log();
  for (const secret of [client.client_secret, code, tokens.access_token, tokens.refresh_token, fresh.access_token,
    fresh.refresh_token, verifier])
    assert.ok(!log.includes(secret), 'a secret was written to the log');
});
