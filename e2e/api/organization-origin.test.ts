import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import {
  adminSession,
  apiWithSession,
  databaseEnvironment,
  type RunningLatchkey,
  signInSession,
  startLatchkey,
} from '../support/server.ts';

/**
 * An organization administrator registers a redirect URI on their own application; a page at that
 * origin gets credentialed CORS for that organization's users only — never for the global
 * administrator, whose cookie it cannot use to read or write, even without a preflight.
 */
const ORG_ORIGIN = 'https://pages.tenant.example';
const CONFIGURED_ORIGIN = 'https://console.example.org';

let server: RunningLatchkey;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;
let adminCookie: string;
let tenantAdminCookie: string;

const call = (cookie: string, path: string, body?: unknown) => apiWithSession(server.url, cookie, path, body);

/** add-user as a browser sends it cross-origin without preflight: a JSON text in a text/plain body. */
const plainAddUser = (origin: string, cookie: string, owner: string, name: string) =>
  fetch(`${server.url}/api/add-user`, {
    method: 'POST',
    headers: { origin, cookie, 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ owner, name, password: 'planted-password-1' }),
  });

const userExists = async (owner: string, name: string) =>
  (await call(adminCookie, `/api/get-user?id=${owner}/${name}`)) !== null;

beforeAll(async () => {
  database = await databaseEnvironment();
  server = await startLatchkey({ env: { ...database.env, LATCHKEY_CORS_ORIGINS: CONFIGURED_ORIGIN } });
  adminCookie = await adminSession(server);
  await call(adminCookie, '/api/add-organization', { owner: 'admin', name: 'tenant', displayName: 'Tenant' });
  await call(adminCookie, '/api/add-user', {
    owner: 'tenant',
    name: 'tenant-admin',
    password: 'tenant-admin-password',
    isAdmin: true,
  });
  await call(adminCookie, '/api/add-application', {
    owner: 'admin',
    name: 'tenant-app',
    organization: 'tenant',
    cert: 'cert-built-in',
    enablePassword: true,
  });
  tenantAdminCookie = await signInSession(server.url, {
    organization: 'tenant',
    username: 'tenant-admin',
    password: 'tenant-admin-password',
    application: 'tenant-app',
  });
  // The organization's administrator registers the origin on their own application.
  const application = await call(tenantAdminCookie, '/api/get-application?id=admin/tenant-app');
  await call(tenantAdminCookie, '/api/update-application?id=admin/tenant-app', {
    ...application,
    redirectUris: [`${ORG_ORIGIN}/callback`],
  });
});
afterAll(async () => {
  await server?.stop();
  await database?.dispose();
});

describe("an origin an organization's administrator registered", () => {
  test("cannot read the global users with the global administrator's cookie", async () => {
    const response = await fetch(`${server.url}/api/get-global-users`, {
      headers: { origin: ORG_ORIGIN, cookie: adminCookie },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await response.json()).msg).toBe('Requests from this origin are not allowed.');
  });

  test("cannot create a built-in administrator with the global administrator's cookie, without preflight", async () => {
    const response = await plainAddUser(ORG_ORIGIN, adminCookie, 'built-in', 'planted');
    expect(response.status).toBe(403);
    expect(await userExists('built-in', 'planted')).toBe(false);
  });

  test("serves the organization's own administrator, with credentials, and their write works", async () => {
    const response = await plainAddUser(ORG_ORIGIN, tenantAdminCookie, 'tenant', 'welcomed');
    expect((await response.json()).status).toBe('ok');
    expect(response.headers.get('access-control-allow-origin')).toBe(ORG_ORIGIN);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(await userExists('tenant', 'welcomed')).toBe(true);
  });

  test('still answers its preflight, and the token endpoint without credentials', async () => {
    const preflight = await fetch(`${server.url}/api/add-user`, {
      method: 'OPTIONS',
      headers: { origin: ORG_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    const token = await fetch(`${server.url}/api/login/oauth/access_token`, {
      method: 'POST',
      headers: { origin: ORG_ORIGIN, cookie: adminCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'unknown-code', client_id: 'unknown' }),
    });
    expect(token.status).not.toBe(403);
    expect(token.headers.get('access-control-allow-origin')).toBe(ORG_ORIGIN);
    expect(token.headers.get('access-control-allow-credentials')).toBeNull();
    expect(typeof (await token.json()).error).toBe('string');
  });
});

describe("the global administrator's own origins", () => {
  test.each([
    ['the server origin', () => server.url],
    ['a LATCHKEY_CORS_ORIGINS origin', () => CONFIGURED_ORIGIN],
  ])('%s reads and writes with credentials', async (_label, originOf) => {
    const origin = originOf();
    const read = await fetch(`${server.url}/api/get-global-users`, { headers: { origin, cookie: adminCookie } });
    expect((await read.json()).status).toBe('ok');
    expect(read.headers.get('access-control-allow-origin')).toBe(origin);
    expect(read.headers.get('access-control-allow-credentials')).toBe('true');
    const name = `added-${new URL(origin).port || 'configured'}`;
    expect((await (await plainAddUser(origin, adminCookie, 'built-in', name)).json()).status).toBe('ok');
    expect(await userExists('built-in', name)).toBe(true);
  });
});
