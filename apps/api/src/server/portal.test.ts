import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Server } from 'bun';
import { proxyToPortal } from './portal-proxy.ts';
import { isServedByApi, PORTAL_SECRET_HEADER } from './portal-routes.ts';

describe('which paths the API answers itself', () => {
  test.each([
    ['/api/health', true],
    ['/api', true],
    ['/.well-known/openid-configuration', true],
    ['/login/oauth/authorize', true],
    ['/swagger', true],
    ['/swagger/openapi.json', true],
    ['/', false],
    ['/login', false],
    ['/users/built-in/admin', false],
    ['/apix', false],
    ['/_next/static/chunks/app.js', false],
  ])('%s → API: %p', (path, expected) => {
    expect(isServedByApi(path)).toBe(expected);
  });
});

describe('the proxy to the portal', () => {
  let upstream: Server<unknown>;
  const seen: { method: string; path: string; headers: Headers; body: string }[] = [];

  beforeAll(() => {
    // A real HTTP server in the portal's place, answering the way Next does.
    upstream = Bun.serve({
      hostname: '127.0.0.1',
      port: 0,
      async fetch(request) {
        const url = new URL(request.url);
        seen.push({
          method: request.method,
          path: `${url.pathname}${url.search}`,
          headers: request.headers,
          body: await request.text(),
        });
        if (url.pathname === '/redirect')
          return new Response(null, { status: 303, headers: { location: '/login?next=%2Fusers' } });
        const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
        headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
        headers.append('set-cookie', 'b=2; Path=/');
        const stream = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('<p>first</p>'));
            controller.enqueue(new TextEncoder().encode('<p>second</p>'));
            controller.close();
          },
        });
        return new Response(stream, { status: 200, headers });
      },
    });
  });
  afterAll(() => upstream.stop(true));

  const target = () => ({ url: `http://127.0.0.1:${upstream.port}`, ready: Promise.resolve() });

  test('passes method, path, query, cookies, language and body, and says who the client is', async () => {
    const request = new Request('http://id.example.com:8000/users?p=2&value=a%20b', {
      method: 'POST',
      headers: {
        host: 'id.example.com:8000',
        cookie: 'casdoor_session_id=abc',
        'accept-language': 'fr-CA,fr;q=0.9',
        'content-type': 'text/plain',
        [PORTAL_SECRET_HEADER]: 'forged',
      },
      body: 'form=data',
    });
    const response = await proxyToPortal(target(), {
      request,
      clientIp: '203.0.113.9',
      origin: 'https://id.example.com',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>first</p><p>second</p>');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/']);
    const forwarded = seen.at(-1)!;
    expect(forwarded).toMatchObject({ method: 'POST', path: '/users?p=2&value=a%20b', body: 'form=data' });
    expect(forwarded.headers.get('cookie')).toBe('casdoor_session_id=abc');
    expect(forwarded.headers.get('accept-language')).toBe('fr-CA,fr;q=0.9');
    expect(forwarded.headers.get('x-forwarded-for')).toBe('203.0.113.9');
    // The portal's own address is the configured origin (Host here names the same site on another port).
    expect(forwarded.headers.get('x-forwarded-host')).toBe('id.example.com');
    expect(forwarded.headers.get('x-forwarded-proto')).toBe('https');
    // A browser cannot speak for the portal.
    expect(forwarded.headers.get(PORTAL_SECRET_HEADER)).toBeNull();
  });

  test('the Host and X-Forwarded-Host the client writes never reach the portal as its address', async () => {
    const request = new Request('http://evil.example/users', {
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' },
    });
    const response = await proxyToPortal(target(), {
      request,
      clientIp: '203.0.113.9',
      origin: 'https://id.example.com',
    });
    expect(response.status).toBe(200);
    const forwarded = seen.at(-1)!;
    expect(forwarded.headers.get('x-forwarded-host')).toBe('id.example.com');
    expect(forwarded.headers.get('x-forwarded-proto')).toBe('https');
  });

  test('returns redirects to the browser instead of following them', async () => {
    const response = await proxyToPortal(target(), {
      request: new Request('http://127.0.0.1:8000/redirect'),
      clientIp: '127.0.0.1',
      origin: 'http://127.0.0.1:8000',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fusers');
  });

  test('a portal that is down gives a plain 503, and a portal that never started too', async () => {
    const down = await proxyToPortal(
      { url: 'http://127.0.0.1:9', ready: Promise.resolve() },
      { request: new Request('http://127.0.0.1:8000/'), clientIp: '', origin: 'http://127.0.0.1:8000' },
    );
    expect(down.status).toBe(503);
    const failed = Promise.reject(new Error('no start'));
    failed.catch(() => {});
    const never = await proxyToPortal(
      { url: 'http://127.0.0.1:9', ready: failed },
      { request: new Request('http://127.0.0.1:8000/'), clientIp: '', origin: 'http://127.0.0.1:8000' },
    );
    expect(never.status).toBe(503);
    expect(await never.text()).toContain('/api/');
    for (const answer of [down, never]) {
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe('the client address the API believes', () => {
  const secret = 'portal-secret-for-tests';
  const socketAt = (address: string) =>
    ({ requestIP: () => ({ address, family: 'IPv4', port: 50000 }) }) as unknown as Pick<Server<unknown>, 'requestIP'>;
  const from = (headers: Record<string, string>) => new Request('http://127.0.0.1/api/login', { headers });

  test('the portal, on loopback with its secret, speaks for its client', async () => {
    const { portalClientAddressSource } = await import('./portal.ts');
    const server = portalClientAddressSource(socketAt('127.0.0.1'), secret);
    expect(server.requestIP(from({ [PORTAL_SECRET_HEADER]: secret, 'x-forwarded-for': '198.51.100.7' }))?.address).toBe(
      '198.51.100.7',
    );
  });

  test('a wrong secret, no secret, or a caller off loopback does not', async () => {
    const { portalClientAddressSource } = await import('./portal.ts');
    const local = portalClientAddressSource(socketAt('127.0.0.1'), secret);
    expect(local.requestIP(from({ [PORTAL_SECRET_HEADER]: 'guess', 'x-forwarded-for': '198.51.100.7' }))?.address).toBe(
      '127.0.0.1',
    );
    expect(local.requestIP(from({ 'x-forwarded-for': '198.51.100.7' }))?.address).toBe('127.0.0.1');
    const remote = portalClientAddressSource(socketAt('192.0.2.4'), secret);
    expect(remote.requestIP(from({ [PORTAL_SECRET_HEADER]: secret, 'x-forwarded-for': '198.51.100.7' }))?.address).toBe(
      '192.0.2.4',
    );
  });
});
