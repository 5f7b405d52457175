import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { databaseEnvironment, type RunningLatchkey, startLatchkey } from '../support/server.ts';

/** Sign-in, CORS, rate limit and SSO logout against the real server process, over real HTTP. */
let server: RunningLatchkey;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;

beforeAll(async () => {
  database = await databaseEnvironment();
  server = await startLatchkey({
    env: { ...database.env, LATCHKEY_SIGNIN_RATE_LIMIT: '20', LATCHKEY_CORS_ORIGINS: 'https://app.example.com' },
  });
});
afterAll(async () => {
  await server?.stop();
  await database?.dispose();
});

async function signIn(password = server.adminPassword, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ organization: 'built-in', username: 'admin', password, type: 'login' }),
  });
}

const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0]!;

describe('identity over real HTTP', () => {
  test('sign-in sets an HttpOnly, SameSite=Lax session cookie that any request can use; sso-logout ends it', async () => {
    const response = await signIn();
    expect(await response.json()).toMatchObject({ status: 'ok', data: 'built-in/admin' });
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^casdoor_session_id=[\w-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure');
    const cookie = cookieOf(response);
    const account = await (await fetch(`${server.url}/api/get-account`, { headers: { cookie } })).json();
    expect(account).toMatchObject({
      status: 'ok',
      name: 'admin',
      data: { owner: 'built-in', password: '***' },
      data2: { name: 'built-in' },
    });

    const logout = await (
      await fetch(`${server.url}/api/sso-logout`, { method: 'POST', headers: { cookie, origin: server.url } })
    ).json();
    expect(logout.status).toBe('ok');
    expect((await (await fetch(`${server.url}/api/get-account`, { headers: { cookie } })).json()).data).toBe(
      'Please login first',
    );
  });

  test('CORS: exact origins, 403 before anything else, preflight', async () => {
    const allowed = await fetch(`${server.url}/api/get-account`, { headers: { origin: 'https://app.example.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    for (const origin of [
      'https://app.example.com.evil.com',
      'http://localhost.evil.com',
      'https://evilapp.example.com',
    ]) {
      const refused = await signIn(server.adminPassword, { origin, 'accept-language': 'it' });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect((await refused.json()).msg).toBe('Le richieste da questa origine non sono consentite.');
    }
    const preflight = await fetch(`${server.url}/api/login`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS, DELETE');
  });

  test('a wrong bearer token is an error, not anonymous', async () => {
    const response = await fetch(`${server.url}/api/get-account`, {
      headers: { authorization: 'Bearer not-a-token', 'accept-language': 'uk' },
    });
    expect(await response.json()).toMatchObject({ status: 'error', msg: 'Токен доступу недійсний.' });
  });

  test('the per-address sign-in limit answers 429 with Retry-After', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 25 && !limited; i++) {
      const response = await signIn('wrong password');
      if (response.status === 429) limited = response;
      else await response.body?.cancel();
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited!.json()).status).toBe('error');
  });
});
