import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { metrics } from '../core/metrics/metrics.ts';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { quickHealth } from './quick-health.ts';

let t: TestApp;
let answerProbe: ReturnType<typeof quickHealth>;
const url = 'http://localhost/api/health';
const probe = (init: RequestInit = {}, at = url) => answerProbe(new Request(at, init), null);

beforeAll(async () => {
  t = await createTestApp();
  answerProbe = quickHealth(t.context);
});
afterAll(() => t.dispose());

describe('a probe of /api/health answered before the request pipeline', () => {
  test('waits for a database round trip of the last second, which the route makes', async () => {
    expect(probe()).toBeUndefined();
    expect((await t.request('/api/health')).status).toBe(200);
    expect(probe()).toBeInstanceOf(Response);
  });

  test("is the route's own answer: status, body and headers", async () => {
    const routed = await t.app.handle(new Request(url));
    const quick = probe()!;
    expect(quick).toBeInstanceOf(Response);
    expect(quick.status).toBe(routed.status);
    expect(await quick.text()).toBe(await routed.text());
    for (const name of ['content-type', 'vary']) expect(quick.headers.get(name)).toBe(routed.headers.get(name));
    const names = (response: Response) => [...response.headers.keys()].sort();
    expect(names(quick)).toEqual(names(routed));
  });

  test('keeps a well-formed X-Request-Id and makes one otherwise', () => {
    expect(probe({ headers: { 'x-request-id': 'probe-0001' } })!.headers.get('x-request-id')).toBe('probe-0001');
    const made = probe({ headers: { 'x-request-id': 'no good' } })!.headers.get('x-request-id');
    expect(made).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('is counted in the metrics and logged like any request', () => {
    const before = metrics.requestCount('GET', '/api/health', 200);
    const answer = probe({ headers: { 'x-request-id': 'probe-logged-1' } });
    expect(answer?.status).toBe(200);
    expect(metrics.requestCount('GET', '/api/health', 200)).toBe(before + 1);
    const line = t.logs.entries().find((entry) => entry.requestId === 'probe-logged-1');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', path: '/api/health', status: 200 });
  });

  test('leaves to the app every request that asks for a step of the pipeline, or is not a probe', () => {
    expect(probe()).toBeInstanceOf(Response);
    const pipelineHeaders: Record<string, string>[] = [
      { origin: 'https://elsewhere.example' },
      { authorization: 'Basic YTpi' },
      { cookie: 'casdoor_session_id=x' },
      { 'content-length': '0' },
    ];
    for (const header of pipelineHeaders) expect(probe({ headers: header })).toBeUndefined();
    expect(probe({ method: 'HEAD' })).toBeUndefined();
    expect(probe({ method: 'POST', body: 'x' })).toBeUndefined();
    for (const at of [`${url}?x=1`, `${url}/`, `${url}z`, 'http://localhost/api/HEALTH', 'http://localhost/health'])
      expect(probe({}, at)).toBeUndefined();
  });

  test('a foreign origin is still refused, by the app', async () => {
    const answer = await t.request('/api/health', { headers: { origin: 'https://elsewhere.example' } });
    expect(answer.status).toBe(403);
  });
});
