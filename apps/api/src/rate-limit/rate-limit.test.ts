import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { addOrganization, addUser } from '../test/fixtures.ts';
import { createRateLimiter } from './sliding-window.ts';

describe('sliding-window counter', () => {
  test('allows the limit, refuses the next, and forgets as the window slides', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    const start = 1_000_000 * 60_000;
    expect([1, 2, 3].map(() => limiter.take('a', start).allowed)).toEqual([true, true, true]);
    const refused = limiter.take('a', start + 1_000);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(59);
    expect(limiter.take('b', start + 1_000).allowed).toBe(true);
    // Half-way through the next window, half of the previous three still count: 1.5 + 1 ≤ 3.
    expect(limiter.take('a', start + 90_000).allowed).toBe(true);
    expect(limiter.take('a', start + 90_000).allowed).toBe(false);
    // Two windows later nothing is left.
    expect(limiter.take('a', start + 180_000).allowed).toBe(true);
  });

  test('a burst at the edge of a window is not doubled', () => {
    const limiter = createRateLimiter({ limit: 10, windowMs: 60_000 });
    const edge = 60_000 * 500 - 1;
    let allowed = 0;
    for (let i = 0; i < 10; i++) if (limiter.take('x', edge).allowed) allowed++;
    for (let i = 0; i < 10; i++) if (limiter.take('x', edge + 2).allowed) allowed++;
    expect(allowed).toBe(10);
  });

  test('memory stays bounded', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.take(`ip-${i}`, 0);
    // The oldest keys were forgotten, so they start afresh; the newest are still counted.
    expect(limiter.take('ip-0', 0).allowed).toBe(true);
    expect(limiter.take('ip-999', 0).allowed).toBe(false);
  });
});

describe('per-address limits on the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { signinRateLimit: 3 } });
    await addOrganization(t, 'acme');
    await addUser(t, 'acme', 'alice', 'alice-password');
  });
  afterAll(() => t.dispose());

  const login = (ip: string, language = 'en') =>
    t.request('/api/login', {
      body: { organization: 'built-in', username: 'nobody', password: 'x', type: 'login' },
      headers: { 'x-forwarded-for': ip, 'accept-language': language },
    });

  test('sign-in: the limit per minute, then 429 with Retry-After, translated; other addresses unaffected', async () => {
    for (let i = 0; i < 3; i++) expect((await login('203.0.113.1')).json.msg).toBe('The username or password is wrong.');
    const refused = await login('203.0.113.1', 'de');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json).toEqual({ status: 'error', msg: 'Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.', data: null, data2: null });
    expect((await login('203.0.113.2')).status).toBe(200);
    t.clock.advance(2 * 60_000);
    expect((await login('203.0.113.1')).status).toBe(200);
  });

  test('refused before the password is checked: no wrong-password count, no sign-in', async () => {
    for (let i = 0; i < 3; i++) await t.request('/api/get-account?username=acme/alice&password=wrong', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    const refused = await t.request('/api/get-account?username=acme/alice&password=alice-password', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(refused.status).toBe(429);
    const user = await t.context.db.selectFrom('user').select('signinWrongTimes').where('name', '=', 'alice').executeTakeFirstOrThrow();
    expect(Number(user.signinWrongTimes)).toBe(3);
  });

  test('the OAuth endpoints have their own count and answer the OAuth way', async () => {
    t.clock.advance(2 * 60_000);
    for (let i = 0; i < 3; i++) {
      const response = await t.request('/api/login/oauth/access_token', { body: { grant_type: 'client_credentials' }, headers: { 'x-forwarded-for': '203.0.113.5' } });
      expect(response.status).not.toBe(429);
    }
    const refused = await t.request('/api/login/oauth/access_token', { body: { grant_type: 'client_credentials' }, headers: { 'x-forwarded-for': '203.0.113.5' } });
    expect(refused.status).toBe(429);
    expect(refused.json.error).toBe('temporarily_unavailable');
    // Sign-in from the same address is counted separately.
    expect((await login('203.0.113.5')).status).toBe(200);
  });

  test('sign-up, set-password and check-user-password count as sign-in', async () => {
    t.clock.advance(2 * 60_000);
    const statuses: number[] = [];
    for (const path of ['/api/signup', '/api/set-password', '/api/check-user-password', '/api/signup']) {
      statuses.push((await t.request(path, { body: {}, headers: { 'x-forwarded-for': '203.0.113.7' } })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  test('made-up X-Forwarded-For entries in front of the proxy address do not give a fresh count', async () => {
    t.clock.advance(2 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await t.request('/api/login', { body: {}, headers: { 'x-forwarded-for': `10.9.9.${i}, 203.0.113.77` } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  test('ordinary API calls are not limited', async () => {
    for (let i = 0; i < 10; i++) expect((await t.request('/api/get-version-info', { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(200);
  });
});
