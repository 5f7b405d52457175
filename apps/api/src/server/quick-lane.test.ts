import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { changeFeedOf, updateRows, updateUserFields } from '@latchkey/db';
import { sha256Hex } from '../core/crypto/compare.ts';
import { metrics } from '../core/metrics/metrics.ts';
import { rememberedAccessToken } from '../core/tokens/access-token.ts';
import { bearerCacheOf } from '../core/tokens/bearer-cache.ts';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import {
  addApplication,
  addOrganization,
  addUser,
  clientCredentialsTokenFor,
  signIn,
  tokenFor,
} from '../test/fixtures.ts';
import { until } from '../test/until.ts';
import { quickLane } from './quick-lane.ts';

let t: TestApp;
let answerQuickly: ReturnType<typeof quickLane>;
const origin = 'http://localhost';
const quick = (path: string, init: RequestInit = {}) => answerQuickly(new Request(`${origin}${path}`, init), null);
const routed = (path: string, init: RequestInit = {}) => t.app.handle(new Request(`${origin}${path}`, init));
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const names = (response: Response) => [...response.headers.keys()].sort();

beforeAll(async () => {
  t = await createTestApp();
  answerQuickly = quickLane(t.context);
  await addOrganization(t, 'acme');
  await addUser(t, 'acme', 'alice', 'alice-password');
  await addUser(t, 'acme', 'bob', 'bob-password');
  await addApplication(t, 'acme-app', 'acme');
  // The memories fill once changes are heard: on Postgres, once the server listens for notifications.
  bearerCacheOf(t.context);
  await until(async () => changeFeedOf(t.context.db)!.trustworthy, 'the server never listened for changes');
});

/** Lets the notifications of earlier writes arrive (Postgres), so that they do not empty the memories mid-test. */
const settled = () => changeFeedOf(t.context.db)!.settled();
afterAll(() => t.dispose());

describe('a probe of /api/health answered before the request pipeline', () => {
  test('waits for a database round trip of the last second, which the route makes', async () => {
    expect(quick('/api/health')).toBeUndefined();
    expect((await t.request('/api/health')).status).toBe(200);
    expect(quick('/api/health')).toBeInstanceOf(Response);
  });

  test("is the route's own answer: status, body and headers", async () => {
    const fromRoute = await routed('/api/health');
    const answer = quick('/api/health')!;
    expect(answer).toBeInstanceOf(Response);
    expect(answer.status).toBe(fromRoute.status);
    expect(await answer.text()).toBe(await fromRoute.text());
    for (const name of ['content-type', 'vary']) expect(answer.headers.get(name)).toBe(fromRoute.headers.get(name));
    expect(names(answer)).toEqual(names(fromRoute));
  });

  test('keeps a well-formed X-Request-Id and makes one otherwise', () => {
    expect(quick('/api/health', { headers: { 'x-request-id': 'probe-0001' } })!.headers.get('x-request-id')).toBe(
      'probe-0001',
    );
    const made = quick('/api/health', { headers: { 'x-request-id': 'no good' } })!.headers.get('x-request-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('is counted in the metrics and logged like any request', () => {
    const before = metrics.requestCount('GET', '/api/health', 200);
    const answer = quick('/api/health', { headers: { 'x-request-id': 'probe-logged-1' } });
    expect(answer?.status).toBe(200);
    expect(metrics.requestCount('GET', '/api/health', 200)).toBe(before + 1);
    const line = t.logs.entries().find((entry) => entry.requestId === 'probe-logged-1');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/api/health', status: 200 });
  });

  test('leaves to the app every request that asks for a step of the pipeline, or is not a probe', () => {
    expect(quick('/api/health')).toBeInstanceOf(Response);
    const pipelineHeaders: Record<string, string>[] = [
      { origin: 'https://elsewhere.example' },
      { authorization: 'Basic YTpi' },
      { authorization: 'Bearer abc' },
      { cookie: 'casdoor_session_id=x' },
      { 'content-length': '0' },
    ];
    for (const headers of pipelineHeaders) expect(quick('/api/health', { headers })).toBeUndefined();
    expect(quick('/api/health', { method: 'HEAD' })).toBeUndefined();
    expect(quick('/api/health', { method: 'POST', body: 'x' })).toBeUndefined();
    for (const path of ['/api/health?x=1', '/api/health/', '/api/healthz', '/api/HEALTH', '/health'])
      expect(quick(path)).toBeUndefined();
  });

  test('a foreign origin is still refused, by the app', async () => {
    const answer = await t.request('/api/health', { headers: { origin: 'https://elsewhere.example' } });
    expect(answer.status).toBe(403);
  });
});

describe('GET /api/get-account with a remembered bearer token, answered before the request pipeline', () => {
  /** A token of alice's whose user and organization the memories hold (the route answered it once). */
  async function rememberedToken(name = 'alice'): Promise<string> {
    const token = await tokenFor(t, 'acme-app', 'acme', name);
    await settled();
    expect(quick('/api/get-account', bearer(token))).toBeUndefined();
    expect((await routed('/api/get-account', bearer(token))).status).toBe(200);
    return token;
  }

  test("is the route's answer, byte for byte, and that of a session cookie (the schema's cleaning)", async () => {
    // Signing in changes the user (its last sign-in): first, so that both answers show the same row.
    const cookie = await signIn(t, 'acme', 'alice', 'alice-password', 'acme-app');
    const token = await rememberedToken();
    const answer = quick('/api/get-account', bearer(token))!;
    expect(answer).toBeInstanceOf(Response);
    const fromRoute = await routed('/api/get-account', bearer(token));
    const text = await answer.text();
    expect(text).toBe(await fromRoute.text());
    expect(answer.status).toBe(fromRoute.status);
    expect(names(answer)).toEqual(names(fromRoute));
    for (const name of ['content-type', 'vary']) expect(answer.headers.get(name)).toBe(fromRoute.headers.get(name));
    const withCookie = await routed('/api/get-account', { headers: { cookie } });
    expect(text).toBe(await withCookie.text());
    const json = JSON.parse(text);
    expect(json).toMatchObject({ status: 'ok', name: 'alice', data: { name: 'alice', password: '***' } });
    expect(json.data2.name).toBe('acme');
  });

  test('is counted in the metrics and logged like any request', async () => {
    const token = await rememberedToken();
    const before = metrics.requestCount('GET', '/api/get-account', 200);
    const answer = quick('/api/get-account', { headers: { ...bearer(token).headers, 'x-request-id': 'account-1' } });
    expect(answer?.status).toBe(200);
    expect(answer?.headers.get('x-request-id')).toBe('account-1');
    expect(metrics.requestCount('GET', '/api/get-account', 200)).toBe(before + 1);
    const line = t.logs.entries().find((entry) => entry.requestId === 'account-1');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/api/get-account', status: 200 });
  });

  test('a change to the user or the organization is in the very next answer', async () => {
    const token = await rememberedToken();
    await updateUserFields(t.context.db, 'acme', 'alice', { displayName: 'Alice Renamed' });
    await settled();
    // The memories forgot: the route answers (and remembers again), then the lane.
    expect(quick('/api/get-account', bearer(token))).toBeUndefined();
    expect((await routed('/api/get-account', bearer(token)).then((r) => r.json())).data.displayName).toBe(
      'Alice Renamed',
    );
    expect((await quick('/api/get-account', bearer(token))!.json()).data.displayName).toBe('Alice Renamed');
    await updateRows(t.context.db, 'organization', { owner: 'admin', name: 'acme' }, { displayName: 'Acme Renamed' });
    await settled();
    expect(quick('/api/get-account', bearer(token))).toBeUndefined();
    expect((await routed('/api/get-account', bearer(token)).then((r) => r.json())).data2.displayName).toBe(
      'Acme Renamed',
    );
    expect((await quick('/api/get-account', bearer(token))!.json()).data2.displayName).toBe('Acme Renamed');
  });

  test('a revoked, expired or application token, or a blocked user, is left to the route and its error', async () => {
    const revoked = await rememberedToken();
    await updateRows(t.context.db, 'token', { accessTokenHash: sha256Hex(revoked) }, { expiresIn: 0 });
    expect(quick('/api/get-account', bearer(revoked))).toBeUndefined();
    expect((await t.request('/api/get-account', bearer(revoked))).json.msg).toBe('The access token has been revoked.');

    const expiring = await rememberedToken();
    expect(quick('/api/get-account', bearer(expiring))).toBeInstanceOf(Response);
    t.clock.advance(169 * 3600 * 1000);
    try {
      expect(quick('/api/get-account', bearer(expiring))).toBeUndefined();
      expect((await t.request('/api/get-account', bearer(expiring))).json.msg).toBe('The access token has expired.');
    } finally {
      t.clock.advance(-169 * 3600 * 1000);
    }

    const application = await clientCredentialsTokenFor(t, 'acme-app');
    expect((await t.request('/api/get-account', bearer(application))).json.status).toBe('error');
    expect(rememberedAccessToken(t.context, application)?.token.user).toBe('');
    expect(quick('/api/get-account', bearer(application))).toBeUndefined();

    const blocked = await rememberedToken('bob');
    expect(quick('/api/get-account', bearer(blocked))).toBeInstanceOf(Response);
    await updateUserFields(t.context.db, 'acme', 'bob', { isForbidden: true });
    expect(quick('/api/get-account', bearer(blocked))).toBeUndefined();
    await settled();
    await t.request('/api/get-account', bearer(blocked));
    // The token is remembered, with its blocked user: only the check keeps the lane out.
    expect(rememberedAccessToken(t.context, blocked)?.user?.isForbidden).toBe(true);
    expect(quick('/api/get-account', bearer(blocked))).toBeUndefined();
    expect((await t.request('/api/get-account', bearer(blocked))).json.status).toBe('error');
  });

  test('a user whose view opens a sealed secret is never answered from a kept text', async () => {
    const token = await rememberedToken('bob');
    await updateUserFields(t.context.db, 'acme', 'bob', {
      isForbidden: false,
      accessKey: 'bob-key',
      accessSecret: 'bob-secret',
    });
    await settled();
    await routed('/api/get-account', bearer(token));
    // The token and the organization are remembered: only the opened secret keeps the lane out.
    expect(rememberedAccessToken(t.context, token)?.user?.accessSecret).toBeTruthy();
    expect(quick('/api/get-account', bearer(token))).toBeUndefined();
    expect((await routed('/api/get-account', bearer(token)).then((r) => r.json())).data.accessSecret).toBe(
      'bob-secret',
    );
  });

  test('leaves to the app what asks for a step of the pipeline, or another spelling', async () => {
    const token = await rememberedToken();
    expect(quick('/api/get-account', bearer(token))).toBeInstanceOf(Response);
    const others: Record<string, string>[] = [
      { origin: 'https://elsewhere.example' },
      { cookie: 'casdoor_session_id=x' },
      { 'content-length': '0' },
      { authorization: `bearer ${token}` },
      { authorization: `Bearer  ${token}` },
      { authorization: 'Basic YTpi' },
    ];
    for (const headers of others)
      expect(quick('/api/get-account', { headers: { ...bearer(token).headers, ...headers } })).toBeUndefined();
    expect(quick('/api/get-account', { headers: {} })).toBeUndefined();
    expect(quick('/api/get-account', { method: 'HEAD', ...bearer(token) })).toBeUndefined();
    for (const path of ['/api/get-account?x=1', '/api/get-account/', '/api/GET-ACCOUNT', '/api/get-accounts'])
      expect(quick(path, bearer(token))).toBeUndefined();
  });
});
