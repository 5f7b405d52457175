import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomBytes } from 'node:crypto';
import { type PostgresServer, testPostgresServer } from '../support/postgres.ts';
import { createPostgresDatabase, type RunningLatchkey, signInSession, startLatchkey } from '../support/server.ts';
import { until } from '../support/until.ts';
import { authorizationCode, pkce } from './authorization-flow.ts';

/**
 * Two Latchkey processes on one Postgres database, as behind a load balancer: the same database,
 * secret key and public origin, no shared memory. What one node starts (a session, a code, a
 * token) works on the other, and what one node ends is ended on the other as soon as Postgres tells it (milliseconds).
 */
const ORIGIN = 'http://id.example.test';
const SIGNIN_LIMIT = 60;
/** How soon a node must hear of what another ended (the notification's round trip, on a loaded machine). */
const NOTIFY_WITHIN_MS = 5_000;
/** The rate limiter's window (apps/api/src/http/rate-limit/rate-limits.ts). */
const RATE_WINDOW_MS = 60_000;
const adminPassword = `scale-${randomBytes(9).toString('base64url')}`;
const alicePassword = `alice-${randomBytes(9).toString('base64url')}`;
let server: PostgresServer;
let database: { url: string; drop(): Promise<void> };
let a: RunningLatchkey;
let b: RunningLatchkey;
let web: { clientId: string; clientSecret: string; redirectUri: string };

async function json(node: RunningLatchkey, path: string, init: RequestInit = {}): Promise<any> {
  const response = await fetch(`${node.url}${path}`, init);
  return response.json();
}

/** An administrator call with the username/password query method. */
async function asAdmin(node: RunningLatchkey, path: string, body?: unknown) {
  const credentials = `username=built-in/admin&password=${encodeURIComponent(adminPassword)}`;
  const answer = await json(node, `${path}${path.includes('?') ? '&' : '?'}${credentials}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (answer.status !== 'ok') throw new Error(`${path}: ${answer.msg}`);
  return answer.data;
}

const signIn = (node: RunningLatchkey) =>
  signInSession(node.url, { organization: 'acme', username: 'alice', password: alicePassword });

const basic = () => `Basic ${btoa(`${web.clientId}:${web.clientSecret}`)}`;

async function tokenRequest(node: RunningLatchkey, parameters: Record<string, string>) {
  const response = await fetch(`${node.url}/api/login/oauth/access_token`, {
    method: 'POST',
    headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(parameters),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Tokens for alice: a code from one node, redeemed at the other. */
async function tokensFor(codeFrom: RunningLatchkey, redeemAt: RunningLatchkey) {
  const { verifier, challenge } = pkce();
  const { code } = await authorizationCode(
    codeFrom.url,
    web,
    { username: 'alice', password: alicePassword },
    { origin: ORIGIN, challenge },
  );
  const exchanged = await tokenRequest(redeemAt, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: web.redirectUri,
    code_verifier: verifier,
  });
  expect(exchanged.status).toBe(200);
  return exchanged.body as { access_token: string; refresh_token: string; id_token: string };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  server = await testPostgresServer();
  database = await createPostgresDatabase(server.url);
  const env = {
    DATABASE_URL: database.url,
    LATCHKEY_SECRET_KEY: randomBytes(32).toString('hex'),
    LATCHKEY_ORIGIN: ORIGIN,
    LATCHKEY_ADMIN_PASSWORD: adminPassword,
    // Sign-ins per client address and minute, for the deployment (the last test uses it up).
    LATCHKEY_SIGNIN_RATE_LIMIT: String(SIGNIN_LIMIT),
    // So that the last test has a client address of its own, which no earlier failure counted against.
    LATCHKEY_TRUST_PROXY: 'true',
  };
  // Both at once, as a deployment's nodes start: one migrates and creates the built-ins, the other waits.
  [a, b] = await Promise.all([startLatchkey({ env }), startLatchkey({ env })]);
  await asAdmin(a, '/api/add-organization', { owner: 'admin', name: 'acme', displayName: 'Acme' });
  await asAdmin(b, '/api/add-user', {
    owner: 'acme',
    name: 'alice',
    displayName: 'Alice',
    email: 'alice@example.com',
    password: alicePassword,
  });
  await asAdmin(a, '/api/add-application', {
    owner: 'admin',
    name: 'acme-web',
    organization: 'acme',
    cert: 'cert-built-in',
    enablePassword: true,
    expireInHours: 1,
    refreshExpireInHours: 24,
    redirectUris: ['https://rp.example.com/callback'],
    grantTypes: ['authorization_code', 'refresh_token'],
  });
  const application = await asAdmin(b, '/api/get-application?id=admin/acme-web');
  web = {
    clientId: application.clientId,
    clientSecret: application.clientSecret,
    redirectUri: application.redirectUris[0],
  };
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.drop();
  await server?.stop();
});

describe('two nodes on one Postgres database', () => {
  test('both started together from an empty database, and there is one administrator and one built-in application', async () => {
    const applications = await asAdmin(b, '/api/get-applications?owner=admin');
    expect(applications.filter((application: { name: string }) => application.name === 'app-built-in')).toHaveLength(1);
    const admins = await asAdmin(a, '/api/get-users?owner=built-in');
    expect(admins.map((user: { name: string }) => user.name)).toEqual(['admin']);
  });

  test('a session started on one node works on the other', async () => {
    const cookie = await signIn(a);
    const account = await json(b, '/api/get-account', { headers: { cookie } });
    expect(account).toMatchObject({ status: 'ok', name: 'alice', data: { owner: 'acme', name: 'alice' } });
  });

  test('a code from one node is redeemed at the other; the tokens it issued are accepted by the first, and refresh there', async () => {
    const tokens = await tokensFor(a, b);
    const userinfo = await json(a, '/api/userinfo', { headers: bearer(tokens.access_token) });
    expect(userinfo).toMatchObject({ iss: ORIGIN, preferred_username: 'alice' });
    expect(await json(a, '/api/get-account', { headers: bearer(tokens.access_token) })).toMatchObject({
      status: 'ok',
      name: 'alice',
    });
    const introspection = await fetch(`${b.url}/api/login/oauth/introspect`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token }),
    }).then((response) => response.json());
    expect(introspection).toMatchObject({ active: true, client_id: web.clientId });
    const refreshed = await tokenRequest(a, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(await json(b, '/api/userinfo', { headers: bearer(refreshed.body.access_token) })).toMatchObject({
      preferred_username: 'alice',
    });
    // The rotated refresh token is used up on both nodes.
    expect((await tokenRequest(b, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(
      400,
    );
  });

  test('sso-logout on one node ends the sessions and tokens on the other as soon as it hears of it', async () => {
    const cookieOnA = await signIn(a);
    const cookieOnB = await signIn(b);
    const tokens = await tokensFor(b, a);
    // Everything works on both nodes before.
    for (const node of [a, b]) {
      expect((await json(node, '/api/get-account', { headers: { cookie: cookieOnA } })).status).toBe('ok');
      expect((await json(node, '/api/get-account', { headers: bearer(tokens.access_token) })).status).toBe('ok');
    }
    const logout = await json(b, '/api/sso-logout', { headers: { cookie: cookieOnB } });
    expect(logout).toMatchObject({ status: 'ok' });
    // The other node forgets what it remembered when Postgres tells it (LISTEN/NOTIFY): milliseconds
    // later, which a loaded machine may stretch past the next request.
    await until(
      async () =>
        (await json(a, '/api/get-account', { headers: { cookie: cookieOnA } })).status === 'error' &&
        (await fetch(`${a.url}/api/userinfo`, { headers: bearer(tokens.access_token) })).status === 401,
      'the other node refuses the ended session and the revoked token',
      NOTIFY_WITHIN_MS,
    );
    const tokenOnA = await fetch(`${a.url}/api/userinfo`, { headers: bearer(tokens.access_token) });
    expect(tokenOnA.status).toBe(401);
    expect((await json(a, '/api/get-account', { headers: bearer(tokens.access_token) })).status).toBe('error');
    expect((await tokenRequest(a, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(
      400,
    );
    // …and on the node that did it.
    expect((await json(b, '/api/get-account', { headers: { cookie: cookieOnA } })).status).toBe('error');
  });

  test('a token revoked at one node (RFC 7009) fails on the other as soon as it hears of it; a sign-out on one ends that session on the other', async () => {
    const tokens = await tokensFor(a, a);
    expect((await fetch(`${b.url}/api/userinfo`, { headers: bearer(tokens.access_token) })).status).toBe(200);
    const revoked = await fetch(`${a.url}/api/login/oauth/revoke`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(revoked.status).toBe(200);
    await until(
      async () => (await fetch(`${b.url}/api/userinfo`, { headers: bearer(tokens.access_token) })).status === 401,
      'the other node refuses the revoked token',
      NOTIFY_WITHIN_MS,
    );

    const cookie = await signIn(b);
    expect((await json(a, '/api/get-account', { headers: { cookie } })).status).toBe('ok');
    await fetch(`${a.url}/api/logout`, { method: 'POST', headers: { cookie } });
    await until(
      async () => (await json(b, '/api/get-account', { headers: { cookie } })).status === 'error',
      'the other node refuses the signed-out session',
      NOTIFY_WITHIN_MS,
    );
  });

  test("an application's new redirect URI becomes a CORS origin on the other node too", async () => {
    const origin = 'https://spa.example.net';
    const preflight = () =>
      fetch(`${b.url}/api/get-account`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      }).then((response) => response.headers.get('access-control-allow-origin'));
    expect(await preflight()).toBeNull();
    const application = await asAdmin(a, '/api/get-application?id=admin/acme-web');
    await asAdmin(a, '/api/update-application?id=admin/acme-web', {
      ...application,
      redirectUris: [...application.redirectUris, `${origin}/callback`],
    });
    // The other node reads the origins again within a second.
    expect(await until(preflight, 'the other node allows the new origin', 10_000, 100)).toBe(origin);
  });

  // Last: it uses up this address's sign-in allowance on both nodes.
  test('the sign-in rate limit holds for the deployment, not per node: attempts spread over both nodes are counted together', async () => {
    const attempt = (node: RunningLatchkey) =>
      fetch(`${node.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
        body: JSON.stringify({ organization: 'acme', username: 'nobody', password: 'wrong', type: 'login' }),
      }).then((response) => response.status);
    // Failures are counted in one-minute windows of the clock, the previous one weighed by how much
    // of it still overlaps: attempts that straddled two windows would let a few more through. Start
    // with a third of a window to spare.
    const leftInWindow = RATE_WINDOW_MS - (Date.now() % RATE_WINDOW_MS);
    if (leftInWindow < RATE_WINDOW_MS / 3) await Bun.sleep(leftInWindow + 100);
    let allowed = 0;
    let refusedAt: number | undefined;
    for (let i = 0; i < 2 * SIGNIN_LIMIT && refusedAt === undefined; i++) {
      if ((await attempt(i % 2 === 0 ? a : b)) === 429) refusedAt = i;
      else allowed++;
    }
    // Wrong passwords are what is counted: at most the limit pass, where a count per node would let about twice through.
    expect(refusedAt).toBeDefined();
    expect(allowed).toBeLessThanOrEqual(SIGNIN_LIMIT);
    expect(await attempt(a)).toBe(429);
    expect(await attempt(b)).toBe(429);
  }, 120_000);
});
