import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../../test/create-test-app.ts';
import {
  addApplication,
  addOrganization,
  addUser,
  basic,
  signIn,
  signInAsAdmin,
  tokenFor,
} from '../../test/fixtures.ts';
import { identityOf } from '../resolve-identity.ts';
import { forgetApplicationOrigins } from './allowed-origins.ts';

// Organization X's administrator registered https://attacker.example as a redirect URI of X's
// application. That origin may act for X's users and applications only, never for the global
// administrator or another organization.
const X_ORIGIN = 'https://attacker.example';
const SELF_ORIGIN = 'https://id.example.com';
const CONFIGURED_ORIGIN = 'https://admin.example.org';
const BUILT_IN_APP_ORIGIN = 'https://console.example.net';

let t: TestApp;
let adminCookie: string;
let xAdminCookie: string;
let yUserCookie: string;
let xApp: Awaited<ReturnType<typeof addApplication>>;
let builtInApp: Awaited<ReturnType<typeof addApplication>>;

beforeAll(async () => {
  t = await createTestApp({ config: { origin: SELF_ORIGIN, corsOrigins: [CONFIGURED_ORIGIN] } });
  await addOrganization(t, 'x-org');
  await addOrganization(t, 'y-org');
  await addUser(t, 'x-org', 'x-admin', 'x-admin-password', { isAdmin: true });
  await addUser(t, 'x-org', 'x-user', 'x-user-password');
  await addUser(t, 'y-org', 'y-user', 'y-user-password');
  xApp = await addApplication(t, 'x-app', 'x-org', {
    redirectUris: [`${X_ORIGIN}/cb`],
    grantTypes: ['client_credentials'],
  });
  await addApplication(t, 'y-app', 'y-org', { redirectUris: ['https://y.example/cb'] });
  builtInApp = await addApplication(t, 'console-app', 'built-in', {
    redirectUris: [`${BUILT_IN_APP_ORIGIN}/callback`],
  });
  forgetApplicationOrigins(t.context);
  adminCookie = await signInAsAdmin(t);
  xAdminCookie = await signIn(t, 'x-org', 'x-admin', 'x-admin-password', 'x-app');
  yUserCookie = await signIn(t, 'y-org', 'y-user', 'y-user-password', 'y-app');
});
afterAll(() => t.dispose());

const from = (origin: string, cookie?: string, extra: Record<string, string> = {}) => ({
  origin,
  ...(cookie ? { cookie } : {}),
  ...extra,
});

/** A JSON body sent as text/plain: a "simple" request a browser sends cross-origin without preflight. */
const addUserWithoutPreflight = (origin: string, cookie: string, owner: string, name: string) =>
  t.request('/api/add-user', {
    method: 'POST',
    body: JSON.stringify({ owner, name, password: 'chosen-by-attacker-1', type: 'normal-user' }),
    headers: from(origin, cookie, { 'content-type': 'text/plain;charset=UTF-8' }),
  });

const refusedEnvelope = { status: 'error', msg: 'Requests from this origin are not allowed.', data: null, data2: null };

function expectNoCors(response: { headers: Headers }) {
  expect(response.headers.get('access-control-allow-origin')).toBeNull();
  expect(response.headers.get('access-control-allow-credentials')).toBeNull();
}

function expectCredentialedCors(response: { headers: Headers }, origin: string) {
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  expect(response.headers.get('vary')).toContain('Origin');
}

describe("an origin registered by an organization's application, with the global administrator's credentials", () => {
  test('reading the global user list is refused, with no CORS headers', async () => {
    const response = await t.request('/api/get-global-users', { headers: from(X_ORIGIN, adminCookie) });
    expect(response.status).toBe(403);
    expect(response.json).toEqual(refusedEnvelope);
    expectNoCors(response);
  });

  test('a text/plain add-user is refused before anything is written', async () => {
    const response = await addUserWithoutPreflight(X_ORIGIN, adminCookie, 'built-in', 'planted-admin');
    expect(response.status).toBe(403);
    expect(response.json).toEqual(refusedEnvelope);
    expectNoCors(response);
    expect(await findUser(t.context.db, 'built-in', 'planted-admin')).toBeUndefined();
  });

  test('a form-encoded password change of the administrator is refused and changes nothing', async () => {
    const stored = (await findUser(t.context.db, 'built-in', 'admin'))!.password;
    const form = new URLSearchParams({
      userOwner: 'built-in',
      userName: 'admin',
      oldPassword: TEST_ADMIN_PASSWORD,
      newPassword: 'chosen-by-attacker-2',
    });
    const response = await t.request('/api/set-password', {
      method: 'POST',
      body: form,
      headers: from(X_ORIGIN, adminCookie),
    });
    expect(response.status).toBe(403);
    expect(response.json).toEqual(refusedEnvelope);
    expect((await findUser(t.context.db, 'built-in', 'admin'))!.password).toBe(stored);
  });

  test("a sign-out with the administrator's cookie is refused and the session stays", async () => {
    const cookie = await signInAsAdmin(t);
    const response = await t.request('/api/logout', { method: 'POST', headers: from(X_ORIGIN, cookie) });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect((await t.request('/api/get-account', { headers: { cookie } })).json.data.name).toBe('admin');
  });

  test("the administrator's bearer token and a built-in application's client secret are refused there too", async () => {
    const token = await tokenFor(t, 'app-built-in', 'built-in', 'admin');
    const bearer = await t.request('/api/get-global-users', {
      headers: from(X_ORIGIN, undefined, { authorization: `Bearer ${token}` }),
    });
    expect(bearer.status).toBe(403);
    expectNoCors(bearer);
    const client = await t.request('/api/get-global-users', {
      headers: from(X_ORIGIN, undefined, { authorization: basic(builtInApp.clientId, builtInApp.plainClientSecret) }),
    });
    expect(client.status).toBe(403);
    expectNoCors(client);
  });

  test("a token of X's user in the query does not carry the administrator's cookie in", async () => {
    const token = await tokenFor(t, 'x-app', 'x-org', 'x-user');
    const withCookie = await t.request(`/api/get-account?access_token=${token}`, {
      headers: from(X_ORIGIN, adminCookie),
    });
    expect(withCookie.status).toBe(403);
    expectNoCors(withCookie);
    const authorize = await t.request(
      `/login/oauth/authorize?access_token=${token}&client_id=${xApp.clientId}&response_type=code&redirect_uri=${encodeURIComponent(`${X_ORIGIN}/cb`)}&scope=openid&state=s`,
      {
        headers: from(X_ORIGIN, adminCookie),
      },
    );
    expect(authorize.status).toBe(403);
    expect(authorize.headers.get('location')).toBeNull();
    // The same token alone, or with X's own cookie, is served.
    const alone = await t.request(`/api/get-account?access_token=${token}`, { headers: from(X_ORIGIN) });
    expect(alone.json.data.name).toBe('x-user');
    expectCredentialedCors(alone, X_ORIGIN);
    const withOwnCookie = await t.request(`/api/get-account?access_token=${token}`, {
      headers: from(X_ORIGIN, xAdminCookie),
    });
    expect(withOwnCookie.json.data.name).toBe('x-user');
    expectCredentialedCors(withOwnCookie, X_ORIGIN);
  });

  test("another organization's user is refused there", async () => {
    const response = await t.request('/api/get-account', { headers: from(X_ORIGIN, yUserCookie) });
    expect(response.status).toBe(403);
    expectNoCors(response);
    // Refused by the origin check before the route's own checks run (they would answer a 200 envelope).
    const adminOnly = await t.request('/api/get-global-users', { headers: from(X_ORIGIN, yUserCookie) });
    expect(adminOnly.status).toBe(403);
    expect(adminOnly.json).toEqual(refusedEnvelope);
  });

  test('the same write from the server origin succeeds, so the refusal above is about the origin', async () => {
    const response = await addUserWithoutPreflight(SELF_ORIGIN, adminCookie, 'built-in', 'added-from-home');
    expect(response.json.status).toBe('ok');
    expectCredentialedCors(response, SELF_ORIGIN);
    expect(await findUser(t.context.db, 'built-in', 'added-from-home')).toBeDefined();
  });
});

describe("the same origin, on behalf of the organization's own users and applications", () => {
  test("X's user gets credentialed CORS and X's administrator's text/plain write works", async () => {
    const account = await t.request('/api/get-account', { headers: from(X_ORIGIN, xAdminCookie) });
    expect(account.json.data.name).toBe('x-admin');
    expectCredentialedCors(account, X_ORIGIN);

    const response = await addUserWithoutPreflight(X_ORIGIN, xAdminCookie, 'x-org', 'x-newcomer');
    expect(response.json.status).toBe('ok');
    expectCredentialedCors(response, X_ORIGIN);
    expect(await findUser(t.context.db, 'x-org', 'x-newcomer')).toBeDefined();
  });

  test("X's application, by its client secret, is served there", async () => {
    const response = await t.request('/api/get-users?owner=x-org', {
      headers: from(X_ORIGIN, undefined, { authorization: basic(xApp.clientId, xApp.plainClientSecret) }),
    });
    expect(response.json.status).toBe('ok');
    expectCredentialedCors(response, X_ORIGIN);
  });

  test('a signed-out visitor is served with credentials (there is nobody to act for)', async () => {
    const response = await t.request('/api/get-version-info', { headers: from(X_ORIGIN) });
    expect(response.json.status).toBe('ok');
    expectCredentialedCors(response, X_ORIGIN);
  });

  test("X's user can sign in from there", async () => {
    const response = await t.request('/api/login', {
      body: {
        application: 'x-app',
        organization: 'x-org',
        username: 'x-user',
        password: 'x-user-password',
        type: 'login',
      },
      headers: from(X_ORIGIN),
    });
    expect(response.json.status).toBe('ok');
    expect(response.headers.get('set-cookie')).toContain('casdoor_session_id=');
    expectCredentialedCors(response, X_ORIGIN);
  });

  test("an error found before the route runs (validation, a bad token) is readable by X's page", async () => {
    const invalid = await t.request('/api/add-user', {
      method: 'POST',
      body: '{"owner": 5}',
      headers: from(X_ORIGIN, xAdminCookie, { 'content-type': 'application/json' }),
    });
    expect(invalid.json.status).toBe('error');
    expectCredentialedCors(invalid, X_ORIGIN);
    const signedOut = await t.request('/api/add-user', {
      method: 'POST',
      body: '{}',
      headers: from(X_ORIGIN, undefined, { 'content-type': 'text/plain' }),
    });
    expect(signedOut.json.status).toBe('error');
    expectCredentialedCors(signedOut, X_ORIGIN);
    const badToken = await t.request('/api/get-account', {
      headers: from(X_ORIGIN, undefined, { authorization: 'Bearer not-a-token' }),
    });
    expect(badToken.json.status).toBe('error');
    expect(badToken.status).not.toBe(403);
    expectCredentialedCors(badToken, X_ORIGIN);
  });

  test('the caller is resolved once for the origin check and the route: a wrong password counts one failed attempt', async () => {
    await addUser(t, 'x-org', 'x-counted', 'x-counted-password');
    const response = await t.request('/api/get-account?username=x-org/x-counted&password=wrong-password', {
      headers: from(X_ORIGIN),
    });
    expect(response.json.status).toBe('error');
    expectCredentialedCors(response, X_ORIGIN);
    expect((await findUser(t.context.db, 'x-org', 'x-counted'))!.signinWrongTimes).toBe(1);
    const right = await t.request('/api/get-account?username=x-org/x-counted&password=x-counted-password', {
      headers: from(X_ORIGIN),
    });
    expect((await findUser(t.context.db, 'x-org', 'x-counted'))!.signinWrongTimes).toBe(0);
    expect(right.json.data.name).toBe('x-counted');
    expectCredentialedCors(right, X_ORIGIN);
    // The route and the origin check share one resolution per request.
    const request = new Request(`http://localhost/api/get-account?username=x-org/x-counted&password=wrong-password`);
    const first = identityOf(t.context, request);
    expect(identityOf(t.context, request)).toBe(first);
    await first.catch(() => undefined);
    expect((await findUser(t.context.db, 'x-org', 'x-counted'))!.signinWrongTimes).toBe(1);
  });

  test('the preflight stays permissive: it carries no credentials, the request that follows is checked', async () => {
    const response = await t.request('/api/add-user', {
      method: 'OPTIONS',
      headers: { origin: X_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expectCredentialedCors(response, X_ORIGIN);
  });
});

describe('origins trusted for the global administrator', () => {
  test.each([
    ['the server origin', SELF_ORIGIN],
    ['a LATCHKEY_CORS_ORIGINS origin', CONFIGURED_ORIGIN],
    ["a built-in application's redirect origin", BUILT_IN_APP_ORIGIN],
  ])('%s reads and writes with the global administrator cookie', async (_label, origin) => {
    const read = await t.request('/api/get-global-users', { headers: from(origin, adminCookie) });
    expect(read.json.status).toBe('ok');
    expectCredentialedCors(read, origin);
    const name = `added-from-${new URL(origin).hostname.split('.')[0]}`;
    const write = await addUserWithoutPreflight(origin, adminCookie, 'built-in', name);
    expect(write.json.status).toBe('ok');
    expect(await findUser(t.context.db, 'built-in', name)).toBeDefined();
  });

  test("a built-in application's redirect origin also serves other organizations' users", async () => {
    const response = await t.request('/api/get-account', { headers: from(BUILT_IN_APP_ORIGIN, yUserCookie) });
    expect(response.json.data.name).toBe('y-user');
    expectCredentialedCors(response, BUILT_IN_APP_ORIGIN);
  });
});

describe('endpoints open to every origin, from X origin', () => {
  test('the token endpoint answers without credentials for any client, and in RFC 6749 on a bad secret', async () => {
    const granted = await t.request('/api/login/oauth/access_token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: xApp.clientId,
        client_secret: xApp.plainClientSecret,
      }),
      headers: from(X_ORIGIN),
    });
    expect(granted.status).toBe(200);
    expect(typeof granted.json.access_token).toBe('string');
    expect(granted.headers.get('access-control-allow-origin')).toBe(X_ORIGIN);

    const wrong = await t.request('/api/login/oauth/access_token', {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      headers: from(X_ORIGIN, undefined, { authorization: basic(xApp.clientId, 'wrong-secret') }),
    });
    expect(wrong.json.error).toBe('invalid_client');
    expect(wrong.headers.get('access-control-allow-origin')).toBe(X_ORIGIN);
    expect(wrong.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test("userinfo answers X's bearer token with credentials, and the administrator's cookie without", async () => {
    const token = await tokenFor(t, 'x-app', 'x-org', 'x-user');
    const own = await t.request('/api/userinfo', {
      headers: from(X_ORIGIN, undefined, { authorization: `Bearer ${token}` }),
    });
    expect(own.status).toBe(200);
    expect(own.json.sub).toBeDefined();
    expectCredentialedCors(own, X_ORIGIN);

    const admin = await t.request('/api/userinfo', { headers: from(X_ORIGIN, adminCookie) });
    expect(admin.status).not.toBe(403);
    expect(admin.headers.get('access-control-allow-origin')).toBe(X_ORIGIN);
    expect(admin.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('the discovery document answers there', async () => {
    const response = await t.request('/.well-known/openid-configuration', { headers: from(X_ORIGIN, adminCookie) });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(X_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('the origin follows the organization of the application that registered it', () => {
  test('when a built-in application registers the same origin, it is trusted for the global administrator', async () => {
    await addApplication(t, 'shared-origin-app', 'built-in', { redirectUris: ['https://shared.example/cb'] });
    await addApplication(t, 'shared-origin-x', 'x-org', { redirectUris: ['https://shared.example/other'] });
    forgetApplicationOrigins(t.context);
    const response = await t.request('/api/get-global-users', { headers: from('https://shared.example', adminCookie) });
    expect(response.json.status).toBe('ok');
    expectCredentialedCors(response, 'https://shared.example');
  });

  test('an origin two organizations registered serves both, and no third', async () => {
    await addApplication(t, 'twin-x', 'x-org', { redirectUris: ['https://twin.example/cb'] });
    await addApplication(t, 'twin-y', 'y-org', { redirectUris: ['https://twin.example/cb'] });
    forgetApplicationOrigins(t.context);
    expectCredentialedCors(
      await t.request('/api/get-account', { headers: from('https://twin.example', xAdminCookie) }),
      'https://twin.example',
    );
    expectCredentialedCors(
      await t.request('/api/get-account', { headers: from('https://twin.example', yUserCookie) }),
      'https://twin.example',
    );
    expect((await t.request('/api/get-account', { headers: from('https://twin.example', adminCookie) })).status).toBe(
      403,
    );
  });
});
