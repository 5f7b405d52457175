import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser, updateUserFields } from '@latchkey/db';
import { loadConfig } from '../../core/config/index.ts';
import { seedAcme, type TestClient } from '../../features/oauth/testing/flows.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addKey, addOrganization, addUser, basic } from '../../test/fixtures.ts';
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

  test('peek counts nothing; add counts whatever the limit', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
    const start = 7_000 * 60_000;
    for (let i = 0; i < 5; i++) expect(limiter.peek('a', start).allowed).toBe(true);
    for (let i = 0; i < 3; i++) limiter.add('a', start);
    const refused = limiter.peek('a', start + 30_000);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(limiter.take('a', start + 30_000).allowed).toBe(false);
    expect(limiter.peek('b', start).allowed).toBe(true);
  });

  test('memory stays bounded', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.take(`ip-${i}`, 0);
    // The oldest keys were forgotten, so they start afresh; the newest are still counted.
    expect(limiter.take('ip-0', 0).allowed).toBe(true);
    expect(limiter.take('ip-999', 0).allowed).toBe(false);
  });
});

/** A form POST from a client address, optionally with HTTP Basic client authentication. */
function postFrom(
  t: TestApp,
  ip: string,
  path: string,
  fields: Record<string, string>,
  client?: { clientId: string; plainClientSecret: string },
) {
  const headers: Record<string, string> = { 'x-forwarded-for': ip };
  if (client) headers.authorization = basic(client.clientId, client.plainClientSecret);
  return t.request(path, { method: 'POST', body: new URLSearchParams(fields), headers });
}

describe('failed credential checks are limited per address', () => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    t = await createTestApp({ config: { signinRateLimit: 3 } });
    ({ client } = await seedAcme(t));
  });
  afterAll(() => t.dispose());

  const login = (ip: string, password: string, language = 'en') =>
    t.request('/api/login', {
      body: { organization: 'acme', username: 'nobody', password, type: 'login' },
      headers: { 'x-forwarded-for': ip, 'accept-language': language },
    });

  test('wrong passwords: the limit per minute, then 429 with Retry-After, translated; other addresses unaffected', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login('203.0.113.1', 'x')).json.msg).toBe('The username or password is wrong.');
    const refused = await login('203.0.113.1', 'x', 'de');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json).toEqual({
      status: 'error',
      msg: 'Zu viele Anfragen. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
      data: null,
      data2: null,
    });
    expect((await login('203.0.113.2', 'x')).json.msg).toBe('The username or password is wrong.');
    t.clock.advance(2 * 60_000);
    expect((await login('203.0.113.1', 'x')).status).toBe(200);
  });

  test('successful sign-ins count nothing: many from one address, then the wrong ones are still limited', async () => {
    t.clock.advance(2 * 60_000);
    const ok = (password: string) =>
      t.request('/api/login', {
        body: { organization: 'acme', username: 'alice', password, type: 'login' },
        headers: { 'x-forwarded-for': '203.0.113.3' },
      });
    for (let i = 0; i < 20; i++) expect((await ok('alice-password')).json.status).toBe('ok');
    for (let i = 0; i < 3; i++) expect((await login('203.0.113.3', 'x')).status).toBe(200);
    expect((await ok('alice-password')).status).toBe(429);
  });

  test('password guesses sent all at once from one address get no more checks than the limit', async () => {
    t.clock.advance(2 * 60_000);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => login('203.0.113.4', `guess-${i}`)));
    const statuses = answers.map((answer) => (answer.status === 429 ? 'limited' : answer.json.msg));
    expect(statuses.filter((status) => status === 'The username or password is wrong.')).toHaveLength(3);
    expect(statuses.filter((status) => status === 'limited')).toHaveLength(27);
  });

  test('once used up, a credential is refused before it is checked: no wrong-password count, no sign-in', async () => {
    t.clock.advance(2 * 60_000);
    for (let i = 0; i < 3; i++)
      await t.request('/api/get-account?username=acme/alice&password=wrong', {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
    const refused = await t.request('/api/get-account?username=acme/alice&password=alice-password', {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(refused.status).toBe(429);
    const user = await findUser(t.context.db, 'acme', 'alice');
    expect(user?.signinWrongTimes).toBe(3);
    await updateUserFields(t.context.db, 'acme', 'alice', { signinWrongTimes: 0, lastSigninWrongTime: '' });
  });

  test('wrong client secrets at the token endpoint: 429 the OAuth way with Retry-After; the right secret from there too', async () => {
    t.clock.advance(2 * 60_000);
    const wrong = { clientId: client.clientId, plainClientSecret: 'not-the-secret' };
    for (let i = 0; i < 3; i++)
      expect(
        (await postFrom(t, '203.0.113.5', '/api/login/oauth/access_token', { grant_type: 'client_credentials' }, wrong))
          .json.error,
      ).toBe('invalid_client');
    const refused = await postFrom(
      t,
      '203.0.113.5',
      '/api/login/oauth/access_token',
      { grant_type: 'client_credentials' },
      client,
    );
    expect(refused.status).toBe(429);
    expect(refused.json.error).toBe('temporarily_unavailable');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same client from an address that did not guess is served.
    expect(
      (await postFrom(t, '203.0.113.6', '/api/login/oauth/access_token', { grant_type: 'client_credentials' }, client))
        .status,
    ).toBe(200);
  });

  test('wrong authorization codes and wrong refresh tokens count', async () => {
    for (const [ip, grant] of [
      [
        '203.0.113.11',
        { grant_type: 'authorization_code', code: 'guessed-code', redirect_uri: 'https://app.example.com/callback' },
      ],
      ['203.0.113.12', { grant_type: 'refresh_token', refresh_token: 'guessed-refresh-token' }],
    ] as const) {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await postFrom(t, ip, '/api/login/oauth/access_token', grant, client)).status);
      expect(statuses).toEqual([400, 400, 400, 429]);
    }
  });

  test('wrong access secrets and client secrets on the API count, and so does HTTP Basic', async () => {
    await addOrganization(t, 'globex');
    const key = await addKey(t, 'globex-key', { organization: 'globex', user: '' });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (
          await t.request(`/api/get-account?accessKey=${key.accessKey}&accessSecret=wrong`, {
            headers: { 'x-forwarded-for': '203.0.113.21' },
          })
        ).json.msg,
      );
    expect(statuses).toEqual(Array(3).fill('The access key or access secret is wrong.'));
    expect(
      (
        await t.request(`/api/get-account?accessKey=${key.accessKey}&accessSecret=${key.accessSecret}`, {
          headers: { 'x-forwarded-for': '203.0.113.21' },
        })
      ).status,
    ).toBe(429);
    for (let i = 0; i < 3; i++)
      await t.request('/api/get-account', {
        headers: { 'x-forwarded-for': '203.0.113.22', authorization: basic(client.clientId, 'wrong') },
      });
    expect(
      (
        await t.request('/api/get-account', {
          headers: {
            'x-forwarded-for': '203.0.113.22',
            authorization: basic(client.clientId, client.plainClientSecret),
          },
        })
      ).status,
    ).toBe(429);
    expect(
      (
        await t.request('/api/get-users?owner=acme', {
          headers: {
            'x-forwarded-for': '203.0.113.23',
            authorization: basic(client.clientId, client.plainClientSecret),
          },
        })
      ).json.status,
    ).toBe('ok');
  });

  test('each sign-up counts, successful or not', async () => {
    t.clock.advance(2 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await t.request('/api/signup', { body: {}, headers: { 'x-forwarded-for': '203.0.113.7' } })).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  test('made-up X-Forwarded-For entries in front of the proxy address do not give a fresh count', async () => {
    t.clock.advance(2 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await t.request('/api/login', {
        body: {},
        headers: { 'x-forwarded-for': `10.9.9.${i}, 203.0.113.77` },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  test('ordinary API calls are not limited', async () => {
    for (let i = 0; i < 10; i++)
      expect((await t.request('/api/get-version-info', { headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(
        200,
      );
  });
});

describe('work is not limited: the default limits and one busy address', () => {
  let t: TestApp;
  let client: TestClient;
  beforeAll(async () => {
    // The shipped defaults, not the test harness's generous sign-in limit.
    const defaults = loadConfig({});
    t = await createTestApp({
      config: { signinRateLimit: defaults.signinRateLimit, clientFailureLimit: defaults.clientFailureLimit },
    });
    ({ client } = await seedAcme(t));
  });
  afterAll(() => t.dispose());

  test('300 client_credentials grants and introspections from one address in a minute all succeed; wrong secrets from it then hit 429', async () => {
    const statuses = new Map<number, number>();
    const note = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    for (let i = 0; i < 150; i++) {
      const granted = await postFrom(
        t,
        '198.51.100.10',
        '/api/login/oauth/access_token',
        { grant_type: 'client_credentials' },
        client,
      );
      note(granted.status);
      const introspected = await postFrom(
        t,
        '198.51.100.10',
        '/api/login/oauth/introspect',
        { token: granted.json.access_token },
        client,
      );
      note(introspected.status);
      if (introspected.json.active !== true) throw new Error(`introspection ${i}: ${introspected.text}`);
      t.clock.advance(100);
    }
    expect([...statuses]).toEqual([[200, 300]]);
    // Positive control: the same address guessing secrets is stopped within the default limit.
    const wrong = { clientId: client.clientId, plainClientSecret: 'guess' };
    let refusedAfter: number | undefined;
    for (let i = 0; i < 200 && refusedAfter === undefined; i++) {
      const response = await postFrom(
        t,
        '198.51.100.10',
        '/api/login/oauth/access_token',
        { grant_type: 'client_credentials' },
        wrong,
      );
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
        refusedAfter = i;
      }
    }
    expect(refusedAfter).toBe(defaults().signinRateLimit);
  }, 300_000);
});

const defaults = () => loadConfig({});

describe('failed client secrets are limited per client', () => {
  let t: TestApp;
  let client: TestClient;
  let other: TestClient;
  beforeAll(async () => {
    t = await createTestApp({ config: { signinRateLimit: 100, clientFailureLimit: 4 } });
    ({ client } = await seedAcme(t));
    other = await addApplication(t, 'other-app', 'acme', { grantTypes: ['client_credentials'] });
  });
  afterAll(() => t.dispose());

  test('guesses spread over many addresses freeze the client, the right secret included, until the window slides; other clients are served', async () => {
    const wrong = { clientId: client.clientId, plainClientSecret: 'guess' };
    for (let i = 0; i < 4; i++)
      expect(
        (
          await postFrom(
            t,
            `192.0.2.${i + 1}`,
            '/api/login/oauth/access_token',
            { grant_type: 'client_credentials' },
            wrong,
          )
        ).status,
      ).toBe(401);
    const refused = await postFrom(
      t,
      '192.0.2.99',
      '/api/login/oauth/access_token',
      { grant_type: 'client_credentials' },
      client,
    );
    expect(refused.status).toBe(429);
    expect(refused.json.error).toBe('temporarily_unavailable');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await postFrom(t, '192.0.2.99', '/api/login/oauth/access_token', { grant_type: 'client_credentials' }, other))
        .status,
    ).toBe(200);
    t.clock.advance(2 * 60_000);
    expect(
      (await postFrom(t, '192.0.2.99', '/api/login/oauth/access_token', { grant_type: 'client_credentials' }, client))
        .status,
    ).toBe(200);
  });
});

describe('a password is limited per account too', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await addOrganization(t, 'acme');
    await addUser(t, 'acme', 'bob', 'bob-password');
  });
  afterAll(() => t.dispose());

  const login = (password: string, ip: string) =>
    t.request('/api/login', {
      body: { organization: 'acme', username: 'bob', password, type: 'login' },
      headers: { 'x-forwarded-for': ip },
    });

  test('after five wrong passwords from five addresses, the right one is refused until the frozen time has passed', async () => {
    expect((await login('bob-password', '192.0.2.50')).json.status).toBe('ok');
    for (let i = 0; i < 5; i++) expect((await login('wrong', `192.0.2.${60 + i}`)).json.status).toBe('error');
    const locked = await login('bob-password', '192.0.2.70');
    expect(locked.json.status).toBe('error');
    expect(locked.json.msg).toContain('15');
    t.clock.advance(14 * 60_000);
    expect((await login('bob-password', '192.0.2.71')).json.status).toBe('error');
    t.clock.advance(60_000 + 1_000);
    expect((await login('bob-password', '192.0.2.72')).json.status).toBe('ok');
  });
});
