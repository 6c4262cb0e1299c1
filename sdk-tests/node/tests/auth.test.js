// User tokens through the real OAuth flow, with the official Node SDK: the login page is driven
// with plain fetch (CSRF cookie, hidden fields, no redirect following) to get a code; the SDK's
// own helpers exchange it, and the token calls authen.userInfo.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('node:crypto');
const lark = require('@larksuiteoapi/node-sdk');
const { startRoster } = require('./harness');

const CALLBACK = 'http://127.0.0.8:9/callback';

function hiddenFields(html) {
  const firstForm = html.slice(0, html.indexOf('</form>'));
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...firstForm.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [unescape(m[1]), unescape(m[2])]);
}

// Opens the authorize page and submits the form; returns the redirect's query parameters.
async function signIn(roster, login, params = {}) {
  const query = new URLSearchParams({ client_id: roster.demo.app_id, redirect_uri: CALLBACK, state: 'node-state', ...params });
  const page = await fetch(`${roster.base}/open-apis/authen/v1/authorize?${query}`, { redirect: 'manual' });
  assert.strictEqual(page.status, 200);
  const cookie = page.headers.get('set-cookie').split(';')[0];
  const form = new URLSearchParams([...hiddenFields(await page.text()), ['login', login], ['password', 'roster-demo'], ['action', 'sign_in']]);
  const done = await fetch(`${roster.base}/open-apis/authen/v1/authorize`, {
    method: 'POST', redirect: 'manual', body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  });
  assert.strictEqual(done.status, 302, await done.text());
  const location = new URL(done.headers.get('location'));
  assert.strictEqual(`${location.origin}${location.pathname}`, CALLBACK);
  return Object.fromEntries(location.searchParams);
}

function pkcePair() {
  const verifier = crypto.randomBytes(48).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

test('OAuth helpers, user_info and the legacy OIDC endpoints', async (t) => {
  const roster = await startRoster('127.0.0.8');
  t.after(() => roster.stop());
  const client = new lark.Client({
    appId: roster.demo.app_id, appSecret: roster.demo.app_secret,
    domain: roster.base, oauthBaseUrl: roster.base,
    // The SDK logs every rejected request; these tests provoke some on purpose. (LoggerLevel.fatal
    // is 0, which the SDK's `level || info` turns back into info.)
    loggerLevel: lark.LoggerLevel.error, logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} },
  });
  const userInfo = (token) => client.authen.userInfo.get({}, lark.withUserAccessToken(token));

  await t.test('accessToken.retrieveByAuthorizationCode with PKCE, then refresh', async () => {
    const { verifier, challenge } = pkcePair();
    const back = await signIn(roster, 'alice@demo.roster.local', { code_challenge: challenge, code_challenge_method: 'S256', scope: 'offline_access' });
    assert.strictEqual(back.state, 'node-state');
    const tokens = await client.accessToken.retrieveByAuthorizationCode({ code: back.code, redirectUri: CALLBACK, codeVerifier: verifier });
    assert.ok(tokens.accessToken.startsWith('u-'));
    assert.strictEqual(tokens.tokenType, 'Bearer');
    assert.strictEqual(tokens.expiresIn, 7200);
    assert.strictEqual(tokens.scope, 'offline_access');
    const me = await userInfo(tokens.accessToken);
    assert.strictEqual(me.code, 0);
    assert.strictEqual(me.data.user_id, 'alice');
    assert.strictEqual(me.data.tenant_key, roster.demo.tenant_key);

    const refreshed = await client.accessToken.refresh({ refreshToken: tokens.refreshToken });
    assert.notStrictEqual(refreshed.accessToken, tokens.accessToken);
    assert.strictEqual((await userInfo(refreshed.accessToken)).data.user_id, 'alice');
    await assert.rejects(client.accessToken.refresh({ refreshToken: tokens.refreshToken }),
      (e) => e.name === 'AccessTokenError' && e.statusCode === 400 && e.code === 20026 && e.error === 'invalid_grant');
  });

  await t.test('failures come back as AccessTokenError with their codes', async () => {
    const { verifier, challenge } = pkcePair();
    const back = await signIn(roster, '+15550000002', { code_challenge: challenge, code_challenge_method: 'S256' });
    await assert.rejects(client.accessToken.retrieveByAuthorizationCode({ code: back.code, codeVerifier: pkcePair().verifier }), (e) => e.code === 20049);
    await assert.rejects(client.accessToken.retrieveByAuthorizationCode({ code: 'no-such-code' }), (e) => e.code === 20003);
    const tokens = await client.accessToken.retrieveByAuthorizationCode({ code: back.code, codeVerifier: verifier });
    assert.strictEqual((await userInfo(tokens.accessToken)).data.user_id, 'bob');
  });

  await t.test('legacy oidc endpoints and the userAccessToken helper', async () => {
    const back = await signIn(roster, 'carol@demo.roster.local');
    const created = await client.authen.oidcAccessToken.create({ data: { grant_type: 'authorization_code', code: back.code } });
    assert.strictEqual(created.code, 0);
    assert.strictEqual(created.data.token_type, 'Bearer');
    assert.strictEqual((await userInfo(created.data.access_token)).data.user_id, 'carol');
    const refreshed = await client.authen.oidcRefreshAccessToken.create({ data: { grant_type: 'refresh_token', refresh_token: created.data.refresh_token } });
    assert.strictEqual(refreshed.code, 0);
    await assert.rejects(
      client.authen.oidcAccessToken.create({ data: { grant_type: 'authorization_code', code: back.code } }),
      (e) => e.response && e.response.status === 400 && e.response.data.code === 20003,
    );

    const dan = await signIn(roster, '+15550000004');
    await client.userAccessToken.initWithCode({ dan: dan.code });
    const token = await client.userAccessToken.get('dan');
    assert.strictEqual((await userInfo(token)).data.user_id, 'dan');
  });
});
