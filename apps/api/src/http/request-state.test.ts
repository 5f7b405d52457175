import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { createTestApp, type TestApp } from '../test/create-test-app.ts';
import { tokenFor } from '../test/fixtures.ts';
import { requestStateOf, startRequestState } from './request-state.ts';

describe('request state', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await createTestApp();
    token = await tokenFor(t, 'app-built-in', 'built-in', 'admin');
  });
  afterEach(() => t.dispose());

  test('the hooks and the route of a request write into the one state that request carries', async () => {
    const request = new Request('http://localhost/api/add-organization/', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'accept-language': 'fr',
        'x-forwarded-for': '203.0.113.9',
      },
      body: JSON.stringify({ owner: 'admin', name: 'initech' }),
    });
    const response = await t.app.handle(request);
    expect((await response.json()).status).toBe('ok');
    const state = requestStateOf(request);
    // request-context: the id echoed, the address, the language, the route's one spelling.
    expect(response.headers.get('x-request-id')).toBe(state.id);
    expect(state.clientIp).toBe('203.0.113.9');
    expect(state.language).toBe('fr');
    expect(state.routePath).toBe('/api/add-organization');
    // The caller, worked out once by the body guard and reused by the route's auth.
    expect(state.identity).toBeDefined();
    expect(await state.identity).toMatchObject({ kind: 'user', id: 'built-in/admin' });
    // The route's audit note.
    expect(state.audit.organization).toBe('initech');
    expect(state.audit.unrouted).toBeUndefined();
    // Asked again, the same object answers.
    expect(requestStateOf(request)).toBe(state);
  });

  test('a request that reached no route is marked so in its state, and its failure is kept for the record', async () => {
    const request = new Request('http://localhost/api/no-such-route', { method: 'POST' });
    const answer = await (await t.app.handle(request)).json();
    // Casdoor's envelope (HTTP 200) with the error.
    expect(answer.status).toBe('error');
    expect(requestStateOf(request).audit.unrouted).toBe(true);
    expect(requestStateOf(request).audit.answeredFailure?.status).toBe('error');
  });

  test('a well-formed X-Request-Id is kept, anything else is replaced by a new id', () => {
    const kept = startRequestState(
      new Request('http://localhost/', { headers: { 'x-request-id': 'req-12345678' } }),
      '',
    );
    expect(kept.id).toBe('req-12345678');
    const replaced = startRequestState(
      new Request('http://localhost/', { headers: { 'x-request-id': 'bad id <script>' } }),
      '',
    );
    // A new random id (a UUID), never the given text or a part of it.
    expect(replaced.id).not.toBe('bad id <script>');
    expect(replaced.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const another = startRequestState(
      new Request('http://localhost/', { headers: { 'x-request-id': 'bad id <script>' } }),
      '',
    );
    expect(another.id).not.toBe(replaced.id);
  });

  test('states are per request: two requests never share one', () => {
    const first = new Request('http://localhost/api/LOGIN');
    const second = new Request('http://localhost/api/login/');
    requestStateOf(first).audit.action = 'login';
    expect(requestStateOf(second).audit.action).toBeUndefined();
    expect(requestStateOf(first)).not.toBe(requestStateOf(second));
    expect(requestStateOf(second).routePath).toBe('/api/login');
  });
});
