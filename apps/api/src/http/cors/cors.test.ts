import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser, updateRows } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn } from '../../test/fixtures.ts';
import { ALLOWED_ORIGINS_TTL_MS, applicationOrigins, forgetApplicationOrigins } from './allowed-origins.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { origin: 'https://id.example.com', corsOrigins: ['https://admin.example.org'] } });
  await addOrganization(t, 'acme');
  await addUser(t, 'acme', 'alice', 'alice-password');
  await addApplication(t, 'acme-app', 'acme', {
    redirectUris: ['https://app.example.com/callback', 'http://localhost:3000/cb', 'not a url'],
  });
  forgetApplicationOrigins(t.context);
});
afterAll(() => t.dispose());

const get = (path: string, origin: string, headers: Record<string, string> = {}) =>
  t.request(path, { headers: { origin, ...headers } });
const preflight = (path: string, origin: string, method = 'POST') =>
  t.request(path, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
  });

describe('allowed origins', () => {
  test.each([
    ['an application redirect URI', 'https://app.example.com'],
    ['a loopback redirect URI with its port', 'http://localhost:3000'],
    ['our own public origin', 'https://id.example.com'],
    ['a configured origin', 'https://admin.example.org'],
    ['Sign in with Apple', 'https://appleid.apple.com'],
    ['the origin the request was addressed to', 'http://localhost'],
  ])('%s is echoed with credentials', async (_label, origin) => {
    const response = await get('/api/get-version-info', origin);
    expect(response.status).toBe(200);
    expect(response.json.status).toBe('ok');
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  test('a request without Origin gets no CORS headers but Vary: Origin', async () => {
    const response = await t.request('/api/get-version-info');
    expect(response.json.status).toBe('ok');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  test('CORS headers are also on error answers', async () => {
    const response = await get('/api/get-account', 'https://app.example.com');
    expect(response.json.status).toBe('error');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
  });
});

describe('refused origins', () => {
  test.each([
    ['a foreign site', 'https://evil.example'],
    ['a suffix trick on localhost', 'http://localhost.evil.com'],
    ['a suffix trick on an application host', 'https://app.example.com.evil.com'],
    ['a prefix trick', 'https://evilapp.example.com'],
    ['a parent domain of an application host', 'https://example.com'],
    ['a subdomain of an application host', 'https://sub.app.example.com'],
    ['another scheme', 'http://app.example.com'],
    ['another port', 'https://app.example.com:8443'],
    ['our origin on another port', 'https://id.example.com:444'],
    ['a loopback origin with another port', 'http://localhost:3001'],
    ['127.0.0.1, which Casdoor lets through', 'http://127.0.0.1'],
  ])('%s gets 403 before anything runs', async (_label, origin) => {
    const response = await get('/api/get-version-info', origin);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.json).toEqual({
      status: 'error',
      msg: 'Requests from this origin are not allowed.',
      data: null,
      data2: null,
    });
  });

  test.each([
    ['https://app.example.com/'],
    ['HTTPS://APP.EXAMPLE.COM'],
    ['https://app.example.com/callback'],
    ['not-an-origin'],
    ['ftp://app.example.com'],
  ])('a malformed Origin (%s) is refused', async (origin) => {
    const response = await get('/api/get-version-info', origin);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the refusal is in the caller language', async () => {
    const french = await get('/api/get-version-info', 'https://evil.example', { 'accept-language': 'fr' });
    expect(french.json.msg).toBe('Les requêtes provenant de cette origine ne sont pas autorisées.');
    const japanese = await get('/api/get-version-info', 'https://evil.example', { 'accept-language': 'ja-JP' });
    expect(japanese.json.msg).toBe('このオリジンからのリクエストは許可されていません。');
  });

  test('a cross-site sign-in with a cookie-setting answer is refused and starts no session', async () => {
    const before = await storedRows(t.context.db, 'session', {}, ['sessionId']);
    const response = await t.request('/api/login', {
      body: {
        application: 'acme-app',
        organization: 'acme',
        username: 'alice',
        password: 'alice-password',
        type: 'login',
      },
      headers: { origin: 'http://localhost.evil.com' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await storedRows(t.context.db, 'session', {}, ['sessionId'])).toEqual(before);
  });

  test('a cross-site password change with the victim cookie is refused and changes nothing (CVE-2023-34927)', async () => {
    const cookie = await signIn(t, 'acme', 'alice', 'alice-password', 'acme-app');
    const stored = (await findUser(t.context.db, 'acme', 'alice'))!.password;
    const form = new FormData();
    for (const [name, value] of Object.entries({
      userOwner: 'acme',
      userName: 'alice',
      oldPassword: 'alice-password',
      newPassword: 'attacker-choice-1',
    }))
      form.set(name, value);
    const response = await t.request('/api/set-password', {
      method: 'POST',
      body: form,
      headers: { cookie, origin: 'https://example.com.evil.com' },
    });
    expect(response.status).toBe(403);
    expect((await findUser(t.context.db, 'acme', 'alice'))!.password).toBe(stored);
  });

  test('Origin null is refused on writes and ignored on reads', async () => {
    expect((await t.request('/api/logout', { method: 'POST', headers: { origin: 'null' } })).status).toBe(403);
    const read = await get('/api/get-version-info', 'null');
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('preflight', () => {
  test('an allowed origin gets the methods, headers and credentials', async () => {
    const response = await preflight('/api/login', 'https://app.example.com');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS, DELETE');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-allow-headers')).toContain('Content-Type');
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  test('the allowed headers include those browsers and OAuth clients send besides Content-Type and Authorization', async () => {
    const response = await preflight('/api/get-account', 'https://app.example.com', 'GET');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase());
    expect(allowed).toEqual(
      expect.arrayContaining(['accept', 'accept-language', 'authorization', 'content-type', 'dpop', 'x-request-id']),
    );
  });

  test('a refused origin gets 403 and no CORS headers', async () => {
    for (const origin of ['http://localhost.evil.com', 'https://example.com.evil.com']) {
      const response = await preflight('/api/login', origin);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-methods')).toBeNull();
    }
  });

  test('OPTIONS without Origin answers the allowed methods', async () => {
    const response = await t.request('/api/get-account', { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS, DELETE');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('endpoints any origin may call', () => {
  test('the token endpoint and userinfo accept any origin, without credentials', async () => {
    for (const [path, method] of [
      ['/api/login/oauth/access_token', 'POST'],
      ['/api/userinfo', 'GET'],
      ['/.well-known/openid-configuration', 'GET'],
    ] as const) {
      const response = await preflight(path, 'https://any.example.net', method);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://any.example.net');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
    const userinfo = await get('/api/userinfo', 'https://any.example.net');
    expect(userinfo.status).not.toBe(403);
    expect(userinfo.headers.get('access-control-allow-origin')).toBe('https://any.example.net');
    expect(userinfo.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('only POST is open on the token endpoint, and neighbouring paths are not open', async () => {
    expect((await preflight('/api/login/oauth/access_token', 'https://any.example.net', 'DELETE')).status).toBe(403);
    expect((await get('/api/login/oauth/access_tokenx', 'https://any.example.net')).status).toBe(403);
    expect((await get('/api/userinfo/x', 'https://any.example.net')).status).toBe(403);
    expect((await t.request('/api/login', { body: {}, headers: { origin: 'https://any.example.net' } })).status).toBe(
      403,
    );
  });

  test('an allowed origin keeps its credentials there', async () => {
    const response = await preflight('/api/userinfo', 'https://app.example.com', 'GET');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });
});

describe('the origin list follows the applications', () => {
  test('a new redirect URI is allowed after the cache period, or at once after forgetApplicationOrigins', async () => {
    expect((await get('/api/get-version-info', 'https://late.example.com')).status).toBe(403);
    await addApplication(t, 'late-app', 'acme', { redirectUris: ['https://late.example.com/cb'] });
    // Still cached on this node for a few seconds.
    expect((await get('/api/get-version-info', 'https://late.example.com')).status).toBe(403);
    t.clock.advance(ALLOWED_ORIGINS_TTL_MS + 1);
    expect((await get('/api/get-version-info', 'https://late.example.com')).status).toBe(200);

    await updateRows(t.context.db, 'application', { name: 'late-app' }, { redirectUris: '[]' });
    forgetApplicationOrigins(t.context);
    expect((await get('/api/get-version-info', 'https://late.example.com')).status).toBe(403);
  });

  test('concurrent requests share one read of the applications', async () => {
    forgetApplicationOrigins(t.context);
    const sets = await Promise.all(Array.from({ length: 20 }, () => applicationOrigins(t.context)));
    expect(new Set(sets).size).toBe(1);
    expect(sets[0]!.has('https://app.example.com')).toBe(true);
    // Within the cache period the same list is served without a new read.
    expect(await applicationOrigins(t.context)).toBe(sets[0]!);
  });

  test('the built-in administrator still signs in from our own origin', async () => {
    const response = await t.request('/api/login', {
      body: { organization: 'built-in', username: 'admin', password: TEST_ADMIN_PASSWORD, type: 'login' },
      headers: { origin: 'https://id.example.com' },
    });
    expect(response.json.status).toBe('ok');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://id.example.com');
    // Served over https: the session cookie is Secure as well as HttpOnly and SameSite=Lax.
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toContain('; Secure');
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Lax');
  });
});
