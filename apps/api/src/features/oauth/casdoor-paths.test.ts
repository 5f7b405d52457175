import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { configureDeliveries, deliveriesSettled } from '../../jobs/outbound/deliveries.ts';
import { startCallbackReceiver } from '../../test/callback-receiver.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication } from '../../test/fixtures.ts';
import {
  pkcePair,
  REDIRECT_URI,
  seedAcme,
  signInThroughPage,
  type TestClient,
  tokenRequest,
  tokensFor,
} from './testing/flows.ts';

/** Casdoor's own sign-in page paths (get-app-login, POST /api/login type code) and RP-initiated logout on /api/logout. */
let t: TestApp;
let client: TestClient;
const receiver = startCallbackReceiver();

beforeAll(async () => {
  // The back-channel receiver listens on 127.0.0.1: private addresses are allowed for this test.
  t = await createTestApp({ config: { allowPrivateCallbackUrls: true } });
  configureDeliveries(t.context, { retryDelaysMs: [5], timeoutMs: 5_000 });
  ({ client } = await seedAcme(t, {
    homepageUrl: 'https://app.example.com/',
    backchannelLogoutUri: receiver.url('/backchannel'),
  }));
});
afterAll(() => {
  receiver.stop();
  return t.dispose();
});

const spaQuery = (fields: Record<string, string>) =>
  new URLSearchParams({
    clientId: client.clientId,
    responseType: 'code',
    redirectUri: REDIRECT_URI,
    scope: 'openid',
    state: 'st',
    ...fields,
  }).toString();

describe('GET /api/get-app-login', () => {
  test('answers the application without its secrets for a good request', async () => {
    const response = await t.request(`/api/get-app-login?${spaQuery({ type: 'code' })}`);
    expect(response.json.status).toBe('ok');
    expect(response.json.data).toMatchObject({
      name: 'acme-app',
      organization: 'acme',
      clientSecret: '***',
      redirectUris: [],
      grantTypes: [],
      cert: '',
    });
    expect(JSON.stringify(response.json)).not.toContain(client.plainClientSecret);
  });

  test('an unregistered redirect URI or unknown client is an envelope error (the application in data, without secrets)', async () => {
    const badRedirect = await t.request(
      `/api/get-app-login?${spaQuery({ type: 'code', redirectUri: 'https://evil.example.net/cb' })}`,
    );
    expect(badRedirect.json).toMatchObject({
      status: 'error',
      msg: 'The redirect URI is not registered for this application.',
      data: { name: 'acme-app', clientSecret: '***' },
    });
    const unknown = await t.request(`/api/get-app-login?${spaQuery({ type: 'code', clientId: 'nobody' })}`);
    expect(unknown.json).toMatchObject({
      status: 'error',
      msg: 'There is no application with this client ID.',
      data: null,
    });
    const implicit = await t.request(`/api/get-app-login?${spaQuery({ type: 'code', responseType: 'token' })}`);
    expect(implicit.json.status).toBe('error');
  });
});

describe('POST /api/login with type "code" (Casdoor\'s SPA path)', () => {
  test('answers data:"<code>", which the client redeems with its PKCE verifier and no secret (casdoor-js-sdk)', async () => {
    const pkce = pkcePair();
    const response = await t.request(
      `/api/login?${spaQuery({ nonce: 'nn', code_challenge_method: 'S256', code_challenge: pkce.challenge })}`,
      {
        body: {
          application: 'acme-app',
          organization: 'acme',
          username: 'alice',
          password: 'alice-password',
          type: 'code',
        },
      },
    );
    expect(response.json.status).toBe('ok');
    expect(response.json.data).toMatch(/^[\w-]{43}$/);
    expect(response.headers.get('set-cookie')).toBeNull();
    const exchanged = await tokenRequest(t, {
      grant_type: 'authorization_code',
      code: response.json.data,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce.verifier,
      client_id: client.clientId,
    });
    expect(exchanged.status).toBe(200);
    expect(JSON.parse(Buffer.from(exchanged.json.id_token.split('.')[1], 'base64url').toString()).nonce).toBe('nn');
    // A public refresh (client_id only), as js-pkce does it.
    const refreshed = await tokenRequest(t, {
      grant_type: 'refresh_token',
      refresh_token: exchanged.json.refresh_token,
      client_id: client.clientId,
    });
    expect(refreshed.status).toBe(200);
  });

  test('checks the request exactly like the authorization endpoint (envelope errors, never a code)', async () => {
    const login = (query: string, body: Record<string, unknown> = {}) =>
      t.request(`/api/login?${query}`, {
        body: {
          application: 'acme-app',
          organization: 'acme',
          username: 'alice',
          password: 'alice-password',
          type: 'code',
          ...body,
        },
      });
    expect((await login(spaQuery({ redirectUri: 'https://evil.example.net/cb' }))).json).toMatchObject({
      status: 'error',
      msg: 'The redirect URI is not registered for this application.',
    });
    expect(
      (await login(spaQuery({ code_challenge_method: 'plain', code_challenge: 'a'.repeat(43) }))).json,
    ).toMatchObject({ status: 'error', msg: 'Only the code challenge method S256 is supported.' });
    expect((await login(spaQuery({}), { password: 'wrong' })).json).toMatchObject({
      status: 'error',
      msg: 'The username or password is wrong.',
    });
    expect((await login(spaQuery({}), { application: 'other-app' })).json.status).toBe('error');
    // "null" is what Casdoor's page sends when it has no PKCE parameters.
    expect((await login(spaQuery({ code_challenge_method: 'null', code_challenge: 'null' }))).json.status).toBe('ok');
  });

  test('an application with enableSigninSession also gets a session cookie', async () => {
    const withSession = await addApplication(t, 'session-app', 'acme', {
      redirectUris: [REDIRECT_URI],
      enableSigninSession: true,
    });
    const response = await t.request(`/api/login?${spaQuery({ clientId: withSession.clientId })}`, {
      body: {
        application: 'session-app',
        organization: 'acme',
        username: 'alice',
        password: 'alice-password',
        type: 'code',
      },
    });
    expect(response.json.status).toBe('ok');
    expect(response.headers.get('set-cookie')).toMatch(/^casdoor_session_id=/);
  });
});

describe('POST /api/login type code with a session', () => {
  test('ends the session the browser presented, as type login does', async () => {
    const withSession = await addApplication(t, 'session-app-2', 'acme', {
      redirectUris: [REDIRECT_URI],
      enableSigninSession: true,
    });
    const signIn = (cookie?: string) =>
      t.request(`/api/login?${spaQuery({ clientId: withSession.clientId })}`, {
        body: {
          application: 'session-app-2',
          organization: 'acme',
          username: 'alice',
          password: 'alice-password',
          type: 'code',
        },
        headers: cookie ? { cookie } : {},
      });
    const first = (await signIn()).headers.get('set-cookie')!.split(';')[0]!;
    expect((await t.request('/api/get-account', { headers: { cookie: first } })).json.name).toBe('alice');
    const again = await signIn(first);
    expect(again.json.status).toBe('ok');
    expect((await t.request('/api/get-account', { headers: { cookie: first } })).json.data).toBe('Please login first');
    const second = again.headers.get('set-cookie')!.split(';')[0]!;
    expect((await t.request('/api/get-account', { headers: { cookie: second } })).json.name).toBe('alice');
  });
});

describe('RP-initiated logout on /api/logout (OpenID Connect RP-Initiated Logout 1.0)', () => {
  test('oidcc-rp-initiated-logout: id_token_hint + registered post_logout_redirect_uri + state ends the session and redirects', async () => {
    const { sessionCookie } = await signInThroughPage(t, { clientId: client.clientId });
    const { tokens } = await tokensFor(t, client, { cookie: sessionCookie });
    const query = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: REDIRECT_URI,
      state: 'bye',
    });
    const response = await t.request(`/api/logout?${query}`, { headers: { cookie: sessionCookie! } });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${REDIRECT_URI}?state=bye`);
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await t.request('/api/get-account', { headers: { cookie: sessionCookie! } })).json.data).toBe(
      'Please login first',
    );
  });

  test("oidcc-backchannel-rp-initiated-logout: the application gets a logout token whose sid is the ID token's", async () => {
    await deliveriesSettled(t.context);
    receiver.calls.length = 0;
    const pkce = pkcePair();
    const { parameters, sessionCookie } = await signInThroughPage(t, {
      clientId: client.clientId,
      codeChallenge: pkce.challenge,
      scope: 'openid',
    });
    const tokens = (
      await tokenRequest(
        t,
        {
          grant_type: 'authorization_code',
          code: parameters.get('code')!,
          redirect_uri: REDIRECT_URI,
          code_verifier: pkce.verifier,
        },
        client,
      )
    ).json;
    const sid = decodeJwt(tokens.id_token).sid;
    expect(sid).toBe(sha256Hex(sessionCookie!.split('=')[1]!));
    await t.request(`/api/logout?${new URLSearchParams({ id_token_hint: tokens.id_token })}`, {
      headers: { cookie: sessionCookie! },
    });
    await deliveriesSettled(t.context);
    const logoutTokens = receiver.calls
      .filter((call) => call.path === '/backchannel')
      .map((call) => decodeJwt(call.fields.logout_token!));
    expect(logoutTokens).toHaveLength(1);
    expect(logoutTokens[0]).toMatchObject({
      sid,
      sub: decodeJwt(tokens.id_token).sub,
      aud: client.clientId,
      iss: t.context.config.origin,
    });
  });

  test('POST with a form body answers 303; an expired ID token is still a good hint', async () => {
    const { tokens } = await tokensFor(t, client);
    t.clock.advance(200 * 3600_000);
    try {
      const response = await t.request('/api/logout', {
        method: 'POST',
        body: new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: REDIRECT_URI }),
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`${REDIRECT_URI}?`);
    } finally {
      t.clock.advance(-200 * 3600_000);
    }
  });

  test('oidcc-rp-initiated-logout-bad-post-logout-redirect-uri: an unregistered redirect is an error, never a redirect', async () => {
    const { tokens } = await tokensFor(t, client);
    for (const uri of ['https://evil.example.net/', 'https://app.example.com/callback.evil.com', '//evil.com']) {
      const response = await t.request(
        `/api/logout?${new URLSearchParams({ id_token_hint: tokens.id_token, post_logout_redirect_uri: uri })}`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('location')).toBeNull();
      expect(response.json).toMatchObject({
        status: 'error',
        msg: 'The post-logout redirect URI is not registered for this application.',
      });
    }
  });

  test('a forged or foreign id_token_hint is refused', async () => {
    const { tokens } = await tokensFor(t, client);
    const [header, payload] = tokens.id_token.split('.');
    const forged = `${header}.${payload}.${createHash('sha256').update('x').digest('base64url')}`;
    expect(
      (
        await t.request(
          `/api/logout?id_token_hint=${forged}&post_logout_redirect_uri=${encodeURIComponent(REDIRECT_URI)}`,
        )
      ).json.msg,
    ).toBe('The ID token hint is not a valid token of this server.');
    const other = await addApplication(t, 'other-logout', 'acme', { redirectUris: ['https://other.example.com/'] });
    const mismatch = await t.request(
      `/api/logout?${new URLSearchParams({ id_token_hint: tokens.id_token, client_id: other.clientId })}`,
    );
    expect(mismatch.json.msg).toBe('The application does not match the client ID.');
  });

  test('an access token as id_token_hint (what Casdoor clients send) is revoked, as Casdoor does', async () => {
    const { tokens } = await tokensFor(t, client);
    const response = await t.request(`/api/logout?id_token_hint=${tokens.access_token}`);
    expect(response.json.status).toBe('ok');
    expect(
      (await t.request('/api/get-account', { headers: { authorization: `Bearer ${tokens.access_token}` } })).json.msg,
    ).toBe('The access token has been revoked.');
  });

  test("without a hint: the session ends; the homepage comes back in data2; a redirect needs client_id or the session's application", async () => {
    const { sessionCookie } = await signInThroughPage(t, { clientId: client.clientId });
    const plain = await t.request('/api/logout', { method: 'POST', headers: { cookie: sessionCookie! } });
    expect(plain.json).toMatchObject({ status: 'ok', data: 'acme/alice', data2: 'https://app.example.com/' });
    const second = await signInThroughPage(t, { clientId: client.clientId });
    const redirected = await t.request(
      `/api/logout?post_logout_redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=s`,
      { headers: { cookie: second.sessionCookie! } },
    );
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe(`${REDIRECT_URI}?state=s`);
    const anonymous = await t.request(
      `/api/logout?post_logout_redirect_uri=${encodeURIComponent(REDIRECT_URI)}&client_id=${client.clientId}`,
    );
    expect(anonymous.status).toBe(302);
    const noApplication = await t.request(`/api/logout?post_logout_redirect_uri=${encodeURIComponent(REDIRECT_URI)}`);
    expect(noApplication.json.status).toBe('error');
  });
});
