import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Caller, globalAdmin, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication } from '../../test/fixtures.ts';
import { changedTables, tableFingerprint } from '../../test/sweep/checks.ts';
import { routesOfOpenApi, type SweptRoute } from '../../test/sweep/routes.ts';
import { forgetApplicationOrigins } from './allowed-origins.ts';
import { isAnyOriginEndpoint } from './cors-policy.ts';

/**
 * Every route of the OpenAPI document, called from an origin that organization acme's application
 * registered, as a browser sends it without preflight (GET, or POST with a text/plain body): with the
 * global administrator's cookie each is refused before it does anything (no table changes); with
 * acme's administrator's cookie none is refused for its origin.
 */
const ACME_ORIGIN = 'https://acme-pages.example';
const refusal = { status: 'error', msg: 'Requests from this origin are not allowed.', data: null, data2: null };

let t: TestApp;
let routes: SweptRoute[];
let root: Caller;
let acmeAdmin: Caller;

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  acmeAdmin = (await organizationWithCallers(t, 'acme')).admin;
  await addApplication(t, 'acme-pages', 'acme', { redirectUris: [`${ACME_ORIGIN}/callback`] });
  forgetApplicationOrigins(t.context);
  routes = await routesOfOpenApi(t);
}, 300_000);
afterAll(() => t.dispose());

function simpleRequest(route: SweptRoute, caller: Caller) {
  const query = new URLSearchParams(route.queryExample).toString();
  const path = query ? `${route.path}?${query}` : route.path;
  const headers = { ...caller.headers, origin: ACME_ORIGIN };
  if (route.method === 'GET') return t.request(path, { headers });
  const body = route.bodyExample === undefined ? '' : JSON.stringify(route.bodyExample);
  return t.request(path, { method: 'POST', body, headers: { ...headers, 'content-type': 'text/plain;charset=UTF-8' } });
}

describe('every route, from an origin only organization acme registered', () => {
  test('refuses the global administrator before doing anything, except the endpoints open to every origin (without credentials)', async () => {
    expect(routes.length).toBeGreaterThan(50);
    const before = await tableFingerprint(t);
    const wrong: string[] = [];
    for (const route of routes) {
      const answer = await simpleRequest(route, root);
      const label = `${route.method} ${route.path}`;
      if (isAnyOriginEndpoint(route.path, route.method)) {
        if (answer.status === 403 || answer.headers.get('access-control-allow-credentials') !== null)
          wrong.push(`${label}: ${answer.status}`);
      } else if (
        answer.status !== 403 ||
        JSON.stringify(answer.json) !== JSON.stringify(refusal) ||
        answer.headers.get('access-control-allow-origin') !== null
      ) {
        wrong.push(`${label}: ${answer.status} ${answer.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await tableFingerprint(t))).toEqual([]);
  }, 300_000);

  test("serves acme's administrator on every route, with credentials", async () => {
    const refused: string[] = [];
    for (const route of routes) {
      const answer = await simpleRequest(route, acmeAdmin);
      const open = isAnyOriginEndpoint(route.path, route.method);
      if (answer.status === 403 && answer.json?.msg === refusal.msg) refused.push(`${route.method} ${route.path}`);
      else if (!open && answer.headers.get('access-control-allow-origin') !== ACME_ORIGIN && answer.status !== 404)
        refused.push(`${route.method} ${route.path}: no CORS headers (${answer.status})`);
    }
    expect(refused).toEqual([]);
  }, 300_000);
});
