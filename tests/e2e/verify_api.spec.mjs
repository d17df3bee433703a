// A registry's software checks credentials the way the OpenAPI document (docs/api/verification.yaml)
// says it can: every answer below is held to the published schema, so the contract and the server
// cannot drift apart. The verdicts are the hardening issue's: ours is valid and from this agency,
// a field credential signed by an unknown did:key is "unconfirmed", a tampered copy is invalid with
// no trust, and text that is not a credential says so.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {startServer} from './lib/harness.mjs';
import {client} from './lib/api_client.mjs';
import {earnedCredential} from './lib/api_journeys.mjs';
import {loadOpenApi, check, responseSchema} from './lib/openapi_check.mjs';

const vc11 = fs.readFileSync(new URL('./fixtures/vc11-ed25519-2020-did-key.json', import.meta.url), 'utf8');
let server;
let api;
before(async () => {
  server = await startServer();
  api = loadOpenApi();
});
after(async () => { await server?.stop(); });

function conforms(method, route, status, value, media) {
  const problems = check(api, responseSchema(api, method, route, status, media), value);
  assert.deepEqual(problems, [], `${method.toUpperCase()} ${route} ${status} answers what the OpenAPI document says`);
}

// A program with no browser: GET /verify for the CSRF cookie, then post the form asking for JSON.
async function checker() {
  const c = client(server.baseUrl);
  assert.equal((await c.page('/verify')).status, 200);
  return async (credential, {csrf = c.csrfToken} = {}) => {
    const res = await c.request('POST', '/verify', {
      body: new URLSearchParams({credential, _csrf: csrf}),
      headers: {'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-csrf-token': csrf},
    });
    assert.match(res.headers.get('content-type') ?? '', /json/, 'the answer is JSON');
    return {status: res.status, body: await res.json()};
  };
}

test('the verification API answers as documented, with the trust verdict in every report', {timeout: 180_000}, async () => {
  const {award, educator} = await earnedCredential(server.baseUrl, 'responsive-serve-and-return');
  const ours = await (await educator.request('GET', `/credentials/${award}/credential.json`)).json();
  const verify = await checker();

  const valid = await verify(JSON.stringify(ours));
  assert.equal(valid.status, 200);
  conforms('post', '/verify', 200, valid.body);
  assert.equal(valid.body.verdict, 'valid');
  assert.equal(valid.body.trust, 'agency');
  assert.equal(valid.body.revocation, 'checked', 'our credential names a status list, and it was read');
  assert.equal(valid.body.statusChecked, true);

  const field = await verify(vc11);
  conforms('post', '/verify', 200, field.body);
  assert.equal(field.body.verdict, 'unconfirmed', 'a did:key issuer nobody vouches for is not confirmed');
  assert.equal(field.body.signature, true);
  assert.equal(field.body.trust, 'unconfirmed');
  assert.ok(field.body.notes.includes('vc_1_1') && field.body.notes.includes('did_key'), `notes: ${field.body.notes}`);
  assert.notEqual(field.body.revocation, 'checked', 'no list was read for a credential without one');

  const tampered = structuredClone(ours);
  tampered.credentialSubject.achievement.name = 'Director Credential (forged)';
  const bad = await verify(JSON.stringify(tampered));
  conforms('post', '/verify', 200, bad.body);
  assert.equal(bad.body.verdict, 'invalid');
  assert.equal(bad.body.trust, 'none', 'a tampered copy carries no trust');
  assert.ok(bad.body.problems.length > 0, 'the report says why');

  const prose = await verify('Maria finished the infant-toddler course in May.');
  conforms('post', '/verify', 200, prose.body);
  assert.equal(prose.body.verdict, 'not_a_credential');

  const noToken = await verify(JSON.stringify(ours), {csrf: 'not-the-token'});
  assert.equal(noToken.status, 403);
  conforms('post', '/verify', 403, noToken.body);

  // The public link, the issuer profile and the status list it names, as software reads them.
  const anon = client(server.baseUrl);
  const byLink = await anon.request('GET', `/verify/${award}`, {headers: {accept: 'application/ld+json'}});
  assert.equal(byLink.status, 200);
  const published = await byLink.json();
  conforms('get', '/verify/{id}', 200, published, 'application/ld+json');
  assert.deepEqual(published.proof, ours.proof, 'the public link serves the credential the educator holds');

  const issuerPath = new URL(published.issuer.id).pathname;
  assert.match(issuerPath, /^\/issuers\//);
  const issuer = await anon.request('GET', issuerPath, {headers: {accept: 'application/ld+json'}});
  assert.equal(issuer.status, 200);
  conforms('get', '/issuers/{id}', 200, await issuer.json(), 'application/ld+json');

  const statusUrl = [published.credentialStatus].flat()[0]?.statusListCredential;
  assert.ok(statusUrl, 'our credential names its status list');
  const list = await anon.request('GET', new URL(statusUrl).pathname);
  assert.equal(list.status, 200);
  conforms('get', '/status/{id}', 200, await list.json(), 'application/ld+json');

  const missing = await anon.request('GET', '/verify/no-such-award', {headers: {accept: 'application/json'}});
  assert.equal(missing.status, 404);
  conforms('get', '/verify/{id}', 404, await missing.json());
});
