import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findApplication } from '@latchkey/db';
import { storedRows } from '@latchkey/db/testing';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, basic, signIn } from '../../test/fixtures.ts';

/**
 * Who may do what, end to end: each kind of caller against representative account endpoints,
 * checking the answer and, when refused, that nothing changed. object-matrix.test.ts does the same
 * for the object endpoints.
 */
type Caller = 'anonymous' | 'user of A' | 'admin of A' | 'admin of B' | 'global admin' | 'app of A' | 'app of built-in';
type Outcome = 'ok' | 'refused' | 'sign in';

let t: TestApp;
const secrets: Record<string, { clientId: string; secret: string }> = {};

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'org-a');
  await addOrganization(t, 'org-b');
  await addUser(t, 'org-a', 'member', 'member-password');
  await addUser(t, 'org-a', 'admin-a', 'admin-a-password', { isAdmin: true });
  await addUser(t, 'org-b', 'admin-b', 'admin-b-password', { isAdmin: true });
  const appA = await addApplication(t, 'app-a', 'org-a');
  secrets['app of A'] = { clientId: appA.clientId, secret: appA.plainClientSecret };
  const builtIn = (await findApplication(t.context.db, 'app-built-in'))!;
  secrets['app of built-in'] = { clientId: builtIn.clientId, secret: t.context.secrets.open(builtIn.clientSecret) };
});
afterAll(() => t.dispose());

/** Fresh credentials for a caller (a sign-out in one case does not spill into the next). */
async function headersOf(caller: Caller): Promise<Record<string, string>> {
  switch (caller) {
    case 'anonymous':
      return {};
    case 'user of A':
      return { cookie: await signIn(t, 'org-a', 'member', 'member-password') };
    case 'admin of A':
      return { cookie: await signIn(t, 'org-a', 'admin-a', 'admin-a-password') };
    case 'admin of B':
      return { cookie: await signIn(t, 'org-b', 'admin-b', 'admin-b-password') };
    case 'global admin':
      return { cookie: await signIn(t, 'built-in', 'admin', TEST_ADMIN_PASSWORD) };
    case 'app of A':
    case 'app of built-in':
      return { authorization: basic(secrets[caller]!.clientId, secrets[caller]!.secret) };
  }
}

let victims = 0;
/** A user of organization A that the request is about, fresh for each case. */
async function freshVictim() {
  const name = `victim-${++victims}`;
  await addUser(t, 'org-a', name, 'victim-password-1');
  return name;
}

/** Everything a refused request must leave as it was. */
async function snapshot(victim: string) {
  const [user] = await storedRows(t.context.db, 'user', { owner: 'org-a', name: victim });
  const sessions = (await storedRows(t.context.db, 'session', {}, ['sessionId'])).map(({ sessionId, owner, name }) => ({
    sessionId,
    owner,
    name,
  }));
  const tokens = (await storedRows(t.context.db, 'token', {}, ['name'])).map(({ name, expiresIn }) => ({
    name,
    expiresIn,
  }));
  return { user, sessions, tokens };
}

interface Endpoint {
  name: string;
  request(victim: string, headers: Record<string, string>): Promise<{ json: any }>;
  /** True when the endpoint only acts on the caller (no victim to protect). */
  self?: boolean;
  expected: Record<Caller, Outcome>;
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

const adminsOfA: Record<Caller, Outcome> = {
  anonymous: 'sign in',
  'user of A': 'refused',
  'admin of A': 'ok',
  'admin of B': 'refused',
  'global admin': 'ok',
  'app of A': 'ok',
  'app of built-in': 'ok',
};

const endpoints: Endpoint[] = [
  {
    name: 'GET /api/get-account',
    self: true,
    request: (_victim, headers) => t.request('/api/get-account', { headers }),
    expected: {
      anonymous: 'sign in',
      'user of A': 'ok',
      'admin of A': 'ok',
      'admin of B': 'ok',
      'global admin': 'ok',
      'app of A': 'refused',
      'app of built-in': 'refused',
    },
  },
  {
    name: 'POST /api/set-password (another user, no old password)',
    request: (victim, headers) =>
      t.request('/api/set-password', {
        method: 'POST',
        body: form({ userOwner: 'org-a', userName: victim, newPassword: 'Changed-1234' }),
        headers,
      }),
    expected: adminsOfA,
  },
  {
    name: 'POST /api/add-user-keys',
    request: (victim, headers) =>
      t.request(`/api/add-user-keys?id=org-a/${victim}`, { body: { owner: 'org-a', name: victim }, headers }),
    expected: adminsOfA,
  },
  {
    name: 'POST /api/check-user-password',
    request: (victim, headers) =>
      t.request('/api/check-user-password', {
        body: { owner: 'org-a', name: victim, password: 'victim-password-1' },
        headers,
      }),
    expected: adminsOfA,
  },
  {
    name: 'POST /api/sso-logout',
    self: true,
    request: (_victim, headers) => t.request('/api/sso-logout', { method: 'POST', headers }),
    expected: {
      anonymous: 'ok',
      'user of A': 'ok',
      'admin of A': 'ok',
      'admin of B': 'ok',
      'global admin': 'ok',
      'app of A': 'refused',
      'app of built-in': 'refused',
    },
  },
];

const callers: Caller[] = [
  'anonymous',
  'user of A',
  'admin of A',
  'admin of B',
  'global admin',
  'app of A',
  'app of built-in',
];
const cases = endpoints.flatMap((endpoint) =>
  callers.map((caller) => [endpoint.name, caller, endpoint.expected[caller]] as const),
);

describe('identity × endpoint', () => {
  test.each(cases)('%s as %s: %s', async (endpointName, caller, outcome) => {
    const endpoint = endpoints.find((candidate) => candidate.name === endpointName)!;
    const victim = await freshVictim();
    // A session of the victim that no refused request may end.
    await signIn(t, 'org-a', victim, 'victim-password-1');
    const headers = await headersOf(caller);
    const before = await snapshot(victim);
    const { json } = await endpoint.request(victim, headers);
    if (outcome === 'ok') {
      expect(json.status).toBe('ok');
      return;
    }
    expect(json.status).toBe('error');
    if (outcome === 'sign in') expect(json).toMatchObject({ msg: 'Please sign in first.', data: 'Please login first' });
    else expect(json.msg).toBe('You are not allowed to do this.');
    expect(await snapshot(victim)).toEqual(before);
  });
});
