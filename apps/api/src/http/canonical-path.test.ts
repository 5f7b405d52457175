import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRows } from '@latchkey/db/testing';
import { metrics } from '../core/metrics/metrics.ts';
import { seedAcme, type TestClient } from '../features/oauth/testing/flows.ts';
import { flushAuditLog } from '../features/records/audit-log.ts';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { basic } from '../test/fixtures.ts';
import { canonicalPath, isOddApiSpelling } from './canonical-path.ts';

describe('the canonical spelling of a path', () => {
  test.each([
    ['/api/login', '/api/login'],
    ['/api/login/', '/api/login'],
    ['/api/LOGIN', '/api/login'],
    ['/API/Login', '/api/login'],
    ['/api//login', '/api/login'],
    ['/api/%6Cogin', '/api/login'],
    ['/api/%6cogin', '/api/login'],
    ['/api/./login', '/api/login'],
    ['/api/x/../login', '/api/login'],
    ['//api/login//', '/api/login'],
    ['/api/login/oauth/access_token/', '/api/login/oauth/access_token'],
    ['/api/login%2Foauth', '/api/login%2foauth'],
    ['/login/oauth/Authorize/', '/login/oauth/Authorize'],
    ['/', '/'],
  ])('%s is %s', (path, canonical) => {
    expect(canonicalPath(path)).toBe(canonical);
  });

  test('under /api, only the canonical spelling and that spelling with a trailing slash are routes', () => {
    expect(isOddApiSpelling('/api/login')).toBe(false);
    expect(isOddApiSpelling('/api/login/')).toBe(false);
    for (const odd of ['/api/LOGIN', '/api//login', '/api/%6Cogin', '/api/./login', '/api/login//', '/API/login'])
      expect(isOddApiSpelling(odd)).toBe(true);
    // Outside /api (the portal's pages) nothing is refused here.
    expect(isOddApiSpelling('/Some/Page/')).toBe(false);
  });
});

/** Every route that checks a credential of its caller's, and how each is spelled to try to get around its limit. */
const limitedRoutes = [
  '/api/login',
  '/api/set-password',
  '/api/check-user-password',
  '/api/login/oauth/access_token',
  '/api/login/oauth/refresh_token',
  '/api/login/oauth/introspect',
  '/api/login/oauth/revoke',
];
const spellings = (route: string) => {
  const last = route.lastIndexOf('/');
  const name = route.slice(last + 1);
  const escaped = `%${name.charCodeAt(0).toString(16).toUpperCase()}${name.slice(1)}`;
  return [
    `${route}/`,
    route.toUpperCase(),
    `${route.slice(0, last)}//${name}`,
    `${route.slice(0, last)}/${escaped}`,
    `${route.slice(0, last)}/./${name}`,
  ];
};

describe('one route, one bucket, however the path is spelled', () => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    t = await createTestApp({ config: { signinRateLimit: 3 } });
    ({ client } = await seedAcme(t));
  });
  afterAll(() => t.dispose());

  const wrongLogin = (path: string, ip: string) =>
    t.request(path, {
      body: { organization: 'acme', username: 'nobody', password: 'wrong', type: 'login' },
      headers: { 'x-forwarded-for': ip },
    });

  test('once an address has used up its failures, every spelling of every limited route is refused (429) or is no route', async () => {
    const ip = '198.51.100.1';
    for (let i = 0; i < 3; i++)
      expect((await wrongLogin('/api/login', ip)).json.msg).toBe('The username or password is wrong.');
    for (const route of limitedRoutes) {
      for (const path of [route, ...spellings(route)]) {
        const response = await t.request(path, {
          method: 'POST',
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            token: 'x',
            organization: 'acme',
            username: 'alice',
            password: 'alice-password',
          }),
          headers: { 'x-forwarded-for': ip, authorization: basic(client.clientId, client.plainClientSecret) },
        });
        const noRoute =
          (response.json?.msg ?? response.json?.error_description) ===
          `There is no API at ${new URL(`http://x${path}`).pathname}.`;
        if (response.status !== 429 && !noRoute)
          throw new Error(`${path} answered ${response.status} ${response.text}`);
        // The canonical spelling and the trailing slash reach the route, so they must be the ones limited.
        if (path === route || path === `${route}/`) expect(response.status).toBe(429);
      }
    }
    // Positive control: another address is served on those routes.
    expect((await wrongLogin('/api/login/', '198.51.100.2')).json.msg).toBe('The username or password is wrong.');
  });

  test('failures through the trailing-slash spelling are counted in the same bucket, and recorded and measured under the route', async () => {
    const ip = '198.51.100.3';
    await flushAuditLog(t.context);
    const before = metrics.requestCount('POST', '/api/login', 200);
    for (let i = 0; i < 3; i++)
      expect((await wrongLogin('/api/login/', ip)).json.msg).toBe('The username or password is wrong.');
    expect((await wrongLogin('/api/login', ip)).status).toBe(429);
    // Both are written just after the answer has gone out.
    await flushAuditLog(t.context);
    expect(metrics.requestCount('POST', '/api/login', 200)).toBe(before + 3);
    expect(metrics.requestCount('POST', '/api/login/', 200)).toBe(0);
    const records = await storedRows(t.context.db, 'record', { clientIp: ip });
    expect(records).toHaveLength(3);
    expect(new Set(records.map((record) => record.action))).toEqual(new Set(['login']));
  });

  test('wrong client secrets through a trailing slash count with those through the route', async () => {
    const ip = '198.51.100.4';
    const wrong = basic(client.clientId, 'guess');
    const post = (path: string, authorization: string) =>
      t.request(path, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
        headers: { 'x-forwarded-for': ip, authorization },
      });
    expect((await post('/api/login/oauth/access_token/', wrong)).status).toBe(401);
    expect((await post('/api/login/oauth/access_token', wrong)).status).toBe(401);
    expect((await post('/api/login/oauth/access_token/', wrong)).status).toBe(401);
    expect((await post('/api/login/oauth/access_token', basic(client.clientId, client.plainClientSecret))).status).toBe(
      429,
    );
  });

  test('odd spellings over a real connection (no URL clean-up by a client library) are no route, or the route itself once the server resolved the dots', async () => {
    const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (request) => t.app.fetch(request) });
    try {
      const raw = async (path: string) => {
        const body = JSON.stringify({ organization: 'acme', username: 'nobody', password: 'wrong', type: 'login' });
        const { promise, resolve, reject } = Promise.withResolvers<string>();
        let received = '';
        const timer = setTimeout(() => reject(new Error(`no answer to POST ${path} within 30 s`)), 30_000);
        await Bun.connect({
          hostname: '127.0.0.1',
          port: server.port!,
          socket: {
            open(socket) {
              socket.write(
                `POST ${path} HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 198.51.100.5\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
              );
            },
            data(_socket, chunk) {
              received += chunk.toString();
            },
            close() {
              clearTimeout(timer);
              resolve(received);
            },
            error(_socket, error) {
              clearTimeout(timer);
              reject(error);
            },
          },
        });
        return promise;
      };
      for (const path of ['/api/%6Cogin', '/api//login', '/api/LOGIN']) {
        const answer = await raw(path);
        expect(answer).toContain('There is no API at');
        expect(answer).not.toContain('The username or password is wrong.');
      }
      // The server resolves dot segments itself: these are the route, counted in its one bucket.
      for (const path of ['/api/./login', '/api/x/../login'])
        expect(await raw(path)).toContain('The username or password is wrong.');
      expect(await raw('/api/login/')).toContain('The username or password is wrong.');
      expect(await raw('/api/login')).toContain('Too many requests.');
      await flushAuditLog(t.context);
      const records = await storedRows(t.context.db, 'record', { clientIp: '198.51.100.5' });
      expect(records.map((record) => record.action)).toEqual(['login', 'login', 'login']);
    } finally {
      server.stop(true);
    }
  });
});
