import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type AnyElysia, Elysia } from 'elysia';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, basic } from '../../test/fixtures.ts';
import { moveHeadersInto, type PreparedAnswer } from './headers-into-response.ts';
import { requestContext } from './request-context.ts';
import { requestPipeline } from './request-pipeline.ts';

const answer = (headers: Record<string, unknown>, extra: Partial<PreparedAnswer> = {}): PreparedAnswer => ({
  headers,
  status: 200,
  ...extra,
});

describe('moveHeadersInto', () => {
  test("the request's headers go into the route's Response and none are left to merge", () => {
    const response = new Response('{}', { headers: { 'content-type': 'application/json' } });
    const set = answer({ 'x-request-id': 'req-12345678', vary: 'Origin' });
    moveHeadersInto(response, set);
    expect(response.headers.get('x-request-id')).toBe('req-12345678');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(set.headers).toEqual({});
  });

  test("the route's own header wins, as Elysia merges them", () => {
    const response = new Response('{}', { headers: { 'cache-control': 'no-store', vary: 'Accept' } });
    moveHeadersInto(response, answer({ 'cache-control': 'max-age=60', vary: 'Origin' }));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('vary')).toBe('Accept');
  });

  test('cookies are added to those of the route, each one', () => {
    const response = new Response(null, { status: 302, headers: { location: '/', 'set-cookie': 'a=1' } });
    moveHeadersInto(response, answer({ 'set-cookie': ['b=2', 'c=3'] }));
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2', 'c=3']);
  });

  test('a status, redirect or cookie jar set beside the Response is left to Elysia, untouched', () => {
    for (const extra of [{ status: 201 }, { status: 'Created' }, { redirect: '/elsewhere' }, { cookie: {} }]) {
      const response = new Response('{}');
      const set = answer({ 'x-request-id': 'req-12345678' }, extra);
      moveHeadersInto(response, set);
      expect(response.headers.has('x-request-id')).toBe(false);
      expect(set.headers).toEqual({ 'x-request-id': 'req-12345678' });
    }
  });

  test('a Response whose headers cannot change (as the Fetch standard has for some) is left to Elysia', () => {
    const response = new Response('{}');
    const refuse = () => {
      throw new TypeError('immutable headers');
    };
    Object.defineProperty(response, 'headers', { value: { has: () => false, set: refuse, append: refuse } });
    const set = answer({ 'x-request-id': 'req-12345678' });
    moveHeadersInto(response, set);
    expect(set.headers).toEqual({ 'x-request-id': 'req-12345678' });
  });

  test('headers already made a Headers object are left to Elysia', () => {
    const response = new Response('{}');
    const set = answer(new Headers({ 'x-request-id': 'req-12345678' }) as unknown as Record<string, unknown>);
    moveHeadersInto(response, set);
    expect(response.headers.has('x-request-id')).toBe(false);
    expect(set.headers).toBeInstanceOf(Headers);
  });

  test('a value that is no Response is left to Elysia', () => {
    const set = answer({ 'x-request-id': 'req-12345678' });
    moveHeadersInto({ status: 'ok' }, set);
    expect(set.headers).toEqual({ 'x-request-id': 'req-12345678' });
  });
});

describe('routes answering with a Response of their own', () => {
  let t: TestApp;
  let authorization: string;
  beforeAll(async () => {
    t = await createTestApp();
    const application = await addApplication(t, 'headers-app', 'built-in', { grantTypes: ['client_credentials'] });
    authorization = basic(application.clientId, application.plainClientSecret);
  });
  afterAll(() => t.dispose());

  const tokenRequest = (credentials: string) =>
    t.request('/api/login/oauth/access_token', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: credentials,
        origin: 'https://spa.example',
        'x-request-id': 'req-abcdef12',
      },
      body: 'grant_type=client_credentials',
    });

  test('carry the request id and CORS headers beside their own, each once, with the body whole', async () => {
    const response = await tokenRequest(authorization);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-abcdef12');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://spa.example');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.json).toMatchObject({ token_type: 'Bearer' });
    expect(response.json.access_token.split('.')).toHaveLength(3);
  });

  test('and so does a refusal, answered through the error handler', async () => {
    const response = await tokenRequest(basic('nobody', 'wrong'));
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe('req-abcdef12');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://spa.example');
    expect(response.json).toMatchObject({ error: 'invalid_client' });
  });
});

describe('the request pipeline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.dispose());

  const withOwnResponse = (plugin: AnyElysia) => {
    const own = new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    return { own, app: new Elysia().use(plugin).get('/api/own-answer', () => own) };
  };

  test("answers with the route's own Response object, the request id in it", async () => {
    const { own, app } = withOwnResponse(requestPipeline(t.context, { server: () => undefined, routes: () => [] }));
    const answer = await app.handle(new Request('http://localhost/api/own-answer'));
    expect(answer).toBe(own);
    expect(answer.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    expect(await answer.json()).toEqual({ ok: true });
  });

  test('positive control: with the request id set but no hook to move it, Elysia answers with a copy', async () => {
    const { own, app } = withOwnResponse(
      requestContext({ log: t.context.log, trustProxy: false, bodyLimit: 1e6, uploadLimit: 1e6 }),
    );
    const answer = await app.handle(new Request('http://localhost/api/own-answer'));
    expect(answer).not.toBe(own);
    expect(answer.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });
});
