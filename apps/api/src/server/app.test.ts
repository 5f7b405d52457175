import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomBytes } from 'node:crypto';
import { findUser } from '@latchkey/db';
import { Elysia } from 'elysia';
import { ApiError } from '../core/errors/api-error.ts';
import { createMemoryLogger } from '../core/logging/logger.ts';
import { errorMapper } from '../http/on-error.ts';
import { requestContext } from '../http/plugins/request-context.ts';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { signInAsAdmin } from '../test/fixtures.ts';
import { until } from '../test/until.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.dispose());

/**
 * The request lines written since line `from` whose path `matches`, once there are at least
 * `count`: a request's line is written just after its response has gone out.
 */
function requestLines(app: TestApp, from: number, count: number, matches: (path: string) => boolean) {
  return until(() => {
    const found = app.logs.lines
      .slice(from)
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'request' && matches(String(entry.path)));
    return found.length >= count && found;
  }, `${count} request line(s) are written`);
}

describe('wire foundations', () => {
  test('GET /api/health answers ok after a database round trip', async () => {
    const response = await t.request('/api/health');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok', msg: '', data: null, data2: null });
  });

  test('GET /api/get-version-info', async () => {
    const { json } = await t.request('/api/get-version-info');
    expect(json.status).toBe('ok');
    expect(json.data.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('an unknown API route is a translated envelope error with HTTP 200', async () => {
    const english = await t.request('/api/get-nothing');
    expect(english.status).toBe(200);
    expect(english.json).toEqual({
      status: 'error',
      msg: 'There is no API at /api/get-nothing.',
      data: null,
      data2: null,
    });
    const german = await t.request('/api/get-nothing', { headers: { 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' } });
    expect(german.json.msg).toBe('Unter /api/get-nothing gibt es keine API.');
  });

  test('malformed JSON is an envelope error, not a 4xx or 5xx', async () => {
    const app = new Elysia()
      .use(requestContext({ log: t.context.log, trustProxy: false, bodyLimit: 1000, uploadLimit: 1000 }))
      .use(errorMapper(t.context.log))
      .post('/api/echo', ({ body }) => body);
    const response = await app.handle(
      new Request('http://localhost/api/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'ja' },
        body: '{"a":',
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'error',
      msg: 'リクエスト本文が有効な JSON ではありません。',
      data: null,
      data2: null,
    });
  });

  test('a body nested deeper than 32 levels is refused before it is validated, and nowhere answers 5xx', async () => {
    const nested = (depth: number) => `{"owner":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    // An anonymous caller is refused before its body is read; an administrator's body is checked.
    const cookie = await signInAsAdmin(t);
    const before = t.logs.lines.length;
    for (const depth of [40, 200_000]) {
      const api = await t.request('/api/add-role', {
        method: 'POST',
        body: nested(depth),
        headers: { 'content-type': 'application/json', 'accept-language': 'fr', cookie },
      });
      expect(api.status).toBe(200);
      expect(api.json).toEqual({
        status: 'error',
        msg: 'Le corps de la requête est imbriqué trop profondément.',
        data: null,
        data2: null,
      });
      const userInfo = await t.request('/api/userinfo', {
        method: 'POST',
        body: nested(depth),
        headers: { 'content-type': 'application/json' },
      });
      expect(userInfo.status).toBeLessThan(500);
    }
    // Thirty levels are fine as far as nesting goes: the answer is about the field instead.
    expect(
      (
        await t.request('/api/add-role', {
          method: 'POST',
          body: nested(30),
          headers: { 'content-type': 'application/json', cookie },
        })
      ).json.msg,
    ).toBe('The field "owner" has a value that is not allowed.');
    // Every one of the five requests has been answered and logged: none of them logged an internal error.
    await requestLines(t, before, 5, (path) => path === '/api/add-role' || path === '/api/userinfo');
    expect(t.logs.entries().filter((entry) => entry.msg === 'internal error')).toEqual([]);
  });

  test('NUL in a query value, a path parameter or a body is refused before anything runs, on every database', async () => {
    const cookie = await signInAsAdmin(t);
    const answers = [
      await t.request('/api/get-user?id=built-in/ad%00min', { headers: { cookie } }),
      await t.request('/api/get-users?owner=built-in&field=name&value=a%00', { headers: { cookie } }),
      await t.request('/api/add-role', { headers: { cookie }, body: { owner: 'built-in', name: 'nul\u0000role' } }),
      await t.request('/api/add-role', {
        headers: { cookie },
        body: { owner: 'built-in', name: 'nul-role', users: ['built-in/\u0000'] },
      }),
      await t.request('/.well-known/app-%00/jwks'),
    ];
    for (const answer of answers)
      expect(answer.json).toMatchObject({
        status: 'error',
        msg: 'The request contains the NUL character, which is not allowed.',
      });
    expect((await t.request('/api/get-role?id=built-in/nul-role', { headers: { cookie } })).json.data).toBeNull();
  });

  test('a value too large for a Postgres index is a clear error there and stores nothing; SQLite keeps it; never a 5xx', async () => {
    const cookie = await signInAsAdmin(t);
    // Random text, so that Postgres cannot compress the index entry under its limit.
    const displayName = randomBytes(4500).toString('base64');
    const added = await t.request('/api/add-user', {
      headers: { cookie, 'accept-language': 'de' },
      body: { owner: 'built-in', name: 'wide', displayName },
    });
    expect(added.status).toBe(200);
    const stored = await findUser(t.context.db, 'built-in', 'wide');
    if (t.context.dialect === 'postgres') {
      expect(added.json).toEqual({
        status: 'error',
        msg: 'Ein Wert in der Anfrage ist zu lang, um gespeichert zu werden.',
        data: null,
        data2: null,
      });
      expect(stored).toBeUndefined();
    } else {
      expect(added.json.data).toBe('Affected');
      expect(stored?.displayName).toBe(displayName);
    }
  });

  test('an oversized body is refused before it is read', async () => {
    const app = new Elysia()
      .use(requestContext({ log: t.context.log, trustProxy: false, bodyLimit: 10, uploadLimit: 10 }))
      .use(errorMapper(t.context.log))
      .post('/api/echo', ({ body }) => body);
    const response = await app.handle(
      new Request('http://localhost/api/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': '112' },
        body: JSON.stringify({ a: 'x'.repeat(100) }),
      }),
    );
    expect(await response.json()).toMatchObject({ status: 'error', msg: 'The request body is too large.' });
  });

  test('a thrown internal error gives a generic message with the request id, logged with its cause, never a stack trace', async () => {
    const memory = createMemoryLogger();
    const app = new Elysia()
      .use(requestContext({ log: memory.logger, trustProxy: false, bodyLimit: 1000, uploadLimit: 1000 }))
      .use(errorMapper(memory.logger))
      .get('/api/explode', () => {
        throw new Error('database exploded at /secret/path');
      });
    const response = await app.handle(
      new Request('http://localhost/api/explode', { headers: { 'x-request-id': 'req-12345678' } }),
    );
    const body = await response.json();
    expect(response.status).toBe(500);
    expect(body.status).toBe('error');
    expect(body.msg).toContain('req-12345678');
    expect(JSON.stringify(body)).not.toContain('exploded');
    expect(JSON.stringify(body)).not.toContain('at ');
    const logged = memory.entries().find((entry) => entry.msg === 'internal error');
    expect(logged).toMatchObject({ requestId: 'req-12345678', error: 'database exploded at /secret/path' });
  });

  test('an ApiError thrown by a route is translated', async () => {
    const app = new Elysia()
      .use(requestContext({ log: t.context.log, trustProxy: false, bodyLimit: 1000, uploadLimit: 1000 }))
      .use(errorMapper(t.context.log))
      .get('/api/refuse', () => {
        throw new ApiError('general.invalid_id', { id: 'a/b/c' });
      });
    const response = await app.handle(
      new Request('http://localhost/api/refuse', { headers: { 'accept-language': 'zh-CN' } }),
    );
    expect(await response.json()).toEqual({
      status: 'error',
      msg: 'ID“a/b/c”必须采用 owner/name 的形式。',
      data: null,
      data2: null,
    });
  });

  test('every response carries a request id', async () => {
    const response = await t.request('/api/health');
    expect(response.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });
});

describe('request log', () => {
  test('one JSON line per request with method, path, status, duration and id; query secrets redacted', async () => {
    const before = t.logs.lines.length;
    await t.request(
      '/api/get-version-info?access_token=AT-SECRET&accessToken=AT2-SECRET&clientId=visible&clientSecret=CS-SECRET&client_secret=CS2-SECRET&accessKey=AK&accessSecret=AS-SECRET&username=built-in/admin&password=PW-SECRET&code=CODE-SECRET&refresh_token=RT-SECRET',
    );
    const entries = await requestLines(t, before, 1, (path) => path.includes('clientId=visible'));
    const lines = t.logs.lines.slice(before);
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ method: 'GET', status: 200, level: 'info' });
    expect(typeof entry.durationMs).toBe('number');
    expect(entry.requestId).toBeTruthy();
    expect(entry.path).toStartWith('/api/get-version-info?');
    expect(entry.path).toContain('clientId=visible');
    for (const secret of [
      'AT-SECRET',
      'AT2-SECRET',
      'CS-SECRET',
      'CS2-SECRET',
      'AS-SECRET',
      'PW-SECRET',
      'CODE-SECRET',
      'RT-SECRET',
    ]) {
      expect(lines.join('\n')).not.toContain(secret);
    }
  });

  test('with LATCHKEY_TRUST_PROXY the client address is the last X-Forwarded-For entry; without it the header is ignored', async () => {
    const clientIpOf = async (app: TestApp, marker: string) => {
      await app.request(`/api/get-version-info?marker=${marker}`, {
        headers: { 'x-forwarded-for': '198.51.100.7, 203.0.113.5' },
      });
      const [entry] = await requestLines(app, 0, 1, (path) => path.includes(`marker=${marker}`));
      return entry.clientIp as string | undefined;
    };
    expect(await clientIpOf(t, 'trusted')).toBe('203.0.113.5');
    // A last entry that cannot be an address is not taken as one.
    const garbage = `not-an-address-${'z'.repeat(5000)}`;
    await t.request('/api/get-version-info?marker=garbage', {
      headers: { 'x-forwarded-for': `198.51.100.7, ${garbage}` },
    });
    const login = await t.request('/api/login', {
      body: { organization: 'built-in', username: 'admin', password: 'wrong', type: 'login' },
      headers: { 'x-forwarded-for': garbage },
    });
    expect(login.json.msg).toBe('The username or password is wrong.');
    const [entry] = await requestLines(t, 0, 1, (path) => path.includes('marker=garbage'));
    expect(entry.clientIp ?? '').not.toContain('not-an-address');
    const direct = await createTestApp({ config: { trustProxy: false } });
    try {
      const address = (await clientIpOf(direct, 'direct')) ?? '';
      expect(address).not.toBe('203.0.113.5');
      expect(address).not.toBe('198.51.100.7');
    } finally {
      await direct.dispose();
    }
  });
});
