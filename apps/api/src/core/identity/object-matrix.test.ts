import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findApplication, listAllRows, updateRows } from '@latchkey/db';
import { storedRow, storedRows } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import type { User } from '@latchkey/types';
import { globalAdmin, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addUser, basic, tokenFor } from '../../test/fixtures.ts';
import type { StoredPassword } from '../passwords/hasher.ts';
import { sessionCookieHeader, startSession } from './browser-sessions.ts';

/**
 * Who may do what with the objects, end to end: every kind of caller against representative object
 * endpoints (matrix.test.ts does the same for the account endpoints). Each case checks the answer;
 * a refused one also checks that no row of the tables it could touch changed.
 */
const callers = [
  'anonymous',
  'user of A',
  'admin of A',
  'admin of B',
  'global admin',
  'app of A (secret)',
  'app of A (token)',
  'app of built-in',
] as const;
type CallerName = (typeof callers)[number];

/** ok: status ok; the others: the error message the caller gets. */
type Outcome = 'ok' | 'sign in' | 'not allowed' | { field: string } | 'no id';

const message = (outcome: Exclude<Outcome, 'ok'>) => {
  if (outcome === 'sign in') return translate('en', 'general.please_login_first');
  if (outcome === 'not allowed') return translate('en', 'general.unauthorized_operation');
  if (outcome === 'no id') return translate('en', 'general.missing_parameter', { name: 'id' });
  return translate('en', 'object.field_not_writable', { field: outcome.field });
};

/** Expectations: these callers succeed, every other signed-in caller is not allowed, anonymous must sign in. */
function only(
  allowed: readonly CallerName[],
  others: Partial<Record<CallerName, Outcome>> = {},
): Record<CallerName, Outcome> {
  return Object.fromEntries(
    callers.map((caller) => [
      caller,
      others[caller] ?? (caller === 'anonymous' ? 'sign in' : allowed.includes(caller) ? 'ok' : 'not allowed'),
    ]),
  ) as Record<CallerName, Outcome>;
}

const ADMINS_OF_A = ['admin of A', 'global admin', 'app of A (secret)', 'app of A (token)', 'app of built-in'] as const;
const ADMINS_OF_B = ['admin of B', 'global admin', 'app of built-in'] as const;
const GLOBAL = ['global admin', 'app of built-in'] as const;
const USERS = ['user of A', 'admin of A', 'admin of B', 'global admin'] as const;
const APPS = { 'app of A (secret)': 'no id', 'app of A (token)': 'no id', 'app of built-in': 'no id' } as const;

let t: TestApp;
const persistent: Partial<Record<CallerName, Record<string, string>>> = {};

beforeAll(async () => {
  t = await createTestApp();
  const a = await organizationWithCallers(t, 'org-a');
  const b = await organizationWithCallers(t, 'org-b');
  await addUser(t, 'org-a', 'reader', 'reader-password');
  // The application of A also gets a client-credentials token from the token endpoint.
  await updateRows(
    t.context.db,
    'application',
    { name: 'org-a-app' },
    { grantTypes: JSON.stringify(['client_credentials']) },
  );
  const issued = await t.request('/api/login/oauth/access_token', {
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: a.application.clientId,
      client_secret: a.application.plainClientSecret,
    }),
  });
  expect(issued.status).toBe(200);
  const builtIn = (await findApplication(t.context.db, 'app-built-in'))!;
  Object.assign(persistent, {
    anonymous: {},
    'user of A': a.user.headers,
    'admin of A': a.admin.headers,
    'admin of B': b.admin.headers,
    'global admin': (await globalAdmin(t)).headers,
    'app of A (secret)': a.app.headers,
    'app of A (token)': { authorization: `Bearer ${issued.json.access_token}` },
    'app of built-in': { authorization: basic(builtIn.clientId, t.context.secrets.open(builtIn.clientSecret)) },
  });
  const granted = await t.request('/api/add-permission', {
    headers: persistent['global admin'],
    body: {
      owner: 'org-a',
      name: 'read-docs',
      users: ['org-a/reader'],
      resources: ['docs'],
      actions: ['read'],
      effect: 'Allow',
      isEnabled: true,
    },
  });
  expect(granted.json.status).toBe('ok');
});
afterAll(() => t.dispose());

/** What a case acts on, made fresh for it: a user of A (`victim`), signed in and with a token when asked; a user of B; an application of A. */
type Need = 'victim' | 'signed in' | 'victim of B' | 'app';

/** One password hash for every user made here (hashing each would cost more than the whole case). */
let storedPassword: StoredPassword;

async function quickUser(owner: string, name: string, fields: Partial<User> = {}) {
  storedPassword ??= await t.context.passwords.hash('a-password-1');
  return addUser(t, owner, name, storedPassword, fields);
}

let serial = 0;
async function freshTargets(needs: readonly Need[]) {
  const n = ++serial;
  const names = {
    n,
    victim: `victim-${n}`,
    victimOfB: `victim-b-${n}`,
    app: `victim-app-${n}`,
    token: '',
    tokenName: '',
  };
  if (needs.includes('victim') || needs.includes('signed in')) {
    const victim = await quickUser('org-a', names.victim);
    if (needs.includes('signed in')) {
      // A session and a token of the victim, which no refused request may end.
      await startSession(t.context, { user: victim });
      names.token = await tokenFor(t, 'org-a-app', 'org-a', names.victim);
      names.tokenName = (await storedRow(t.context.db, 'token', { user: names.victim })).name;
    }
  }
  if (needs.includes('victim of B')) await quickUser('org-b', names.victimOfB);
  if (needs.includes('app')) await addApplication(t, names.app, 'org-a');
  return names;
}
type Targets = Awaited<ReturnType<typeof freshTargets>>;

/**
 * Credentials for a caller. Cases that change the caller's own record get a caller of their own
 * (a new user of that kind, signed in), so that one case cannot spoil the next; the others share one.
 */
async function credentialsOf(
  caller: CallerName,
  own: boolean,
  n: number,
): Promise<{ headers: Record<string, string>; self?: { owner: string; name: string } }> {
  const users: Partial<Record<CallerName, [organization: string, isAdmin: boolean]>> = {
    'user of A': ['org-a', false],
    'admin of A': ['org-a', true],
    'admin of B': ['org-b', true],
    'global admin': ['built-in', false],
  };
  const kind = users[caller];
  if (!own || !kind) return { headers: persistent[caller]! };
  const [organization, isAdmin] = kind;
  const user = await quickUser(organization, `caller-${n}`, { isAdmin });
  const session = await startSession(t.context, { user });
  return {
    headers: { cookie: sessionCookieHeader(t.context, session).split(';')[0]! },
    self: { owner: organization, name: user.name },
  };
}

/** Every row a refused request must leave as it was (the audit log aside, which records the refusal). */
async function snapshot() {
  const tables = ['user', 'organization', 'application', 'token', 'session', 'key', 'permission'] as const;
  const rows = await Promise.all(tables.map((table) => listAllRows(t.context.db, table)));
  return Object.fromEntries(tables.map((table, index) => [table, rows[index]]));
}

interface Context extends Targets {
  caller: CallerName;
  headers: Record<string, string>;
  /** The caller's own user, in cases about the caller's own record. */
  self?: { owner: string; name: string };
}

interface Row {
  name: string;
  /** What the case acts on (made fresh for it). */
  needs?: readonly Need[];
  /** The case is about the caller's own record. */
  own?: boolean;
  expected: Record<CallerName, Outcome>;
  request(context: Context): Promise<{ json: any }>;
  /** More checks of a successful answer. */
  check?(json: any, context: Context): Promise<void> | void;
}

const get = (path: string) => (context: Context) => t.request(path, { headers: context.headers });
const post =
  (path: string, body: unknown = {}) =>
  (context: Context) =>
    t.request(path, { headers: context.headers, body });
const userRow = async (owner: string, name: string) => (await storedRows(t.context.db, 'user', { owner, name }))[0];

const rows: Row[] = [
  // Users
  {
    name: 'get-users of A',
    expected: only(ADMINS_OF_A),
    request: (c) => get('/api/get-users?owner=org-a')(c),
    check: (json) => {
      expect(json.data.length).toBeGreaterThanOrEqual(3);
      for (const user of json.data)
        expect({ owner: user.owner, password: user.password }).toEqual({ owner: 'org-a', password: '***' });
    },
  },
  {
    name: 'get-users without owner: the caller’s own organization only',
    expected: only([
      'admin of A',
      'admin of B',
      'global admin',
      'app of A (secret)',
      'app of A (token)',
      'app of built-in',
    ]),
    request: (c) => get('/api/get-users')(c),
    check: (json, c) => {
      const owners = new Set(json.data.map((user: { owner: string }) => user.owner));
      const own = {
        'admin of A': 'org-a',
        'admin of B': 'org-b',
        'app of A (secret)': 'org-a',
        'app of A (token)': 'org-a',
      }[c.caller as string];
      if (own) expect([...owners]).toEqual([own]);
      else expect(owners).toContain('org-b');
    },
  },
  {
    name: 'get-user of a user of A',
    needs: ['victim'],
    expected: only(ADMINS_OF_A),
    request: (c) => get(`/api/get-user?id=org-a/${c.victim}`)(c),
    check: (json, c) =>
      expect(json.data).toMatchObject({ owner: 'org-a', name: c.victim, password: '***', passwordSalt: '' }),
  },
  {
    name: 'add-user to A',
    expected: only(ADMINS_OF_A),
    request: (c) => post('/api/add-user', { owner: 'org-a', name: `added-${c.n}`, password: 'added-password-1' })(c),
    check: async (_json, c) => expect(await userRow('org-a', `added-${c.n}`)).toBeDefined(),
  },
  {
    name: 'add-user to B',
    expected: only(ADMINS_OF_B),
    request: (c) => post('/api/add-user', { owner: 'org-b', name: `added-${c.n}` })(c),
  },
  {
    name: 'add-user to built-in (a new global administrator)',
    expected: only(GLOBAL),
    request: (c) => post('/api/add-user', { owner: 'built-in', name: `minted-${c.n}`, isAdmin: true })(c),
  },
  {
    name: 'update-user of A: profile',
    needs: ['signed in'],
    expected: only(ADMINS_OF_A),
    request: (c) => post(`/api/update-user?id=org-a/${c.victim}`, { displayName: 'Changed' })(c),
    check: async (_json, c) => expect((await userRow('org-a', c.victim))?.displayName).toBe('Changed'),
  },
  {
    name: 'update-user of A: the body claims organization B',
    needs: ['signed in'],
    expected: only(GLOBAL),
    request: (c) => post(`/api/update-user?id=org-a/${c.victim}`, { owner: 'org-b', name: c.victim })(c),
    check: async (_json, c) => expect(await userRow('org-b', c.victim)).toBeDefined(),
  },
  {
    name: 'update-user of B: the id decides, not a body claiming A',
    needs: ['victim of B'],
    expected: only(GLOBAL),
    request: (c) =>
      post(`/api/update-user?id=org-b/${c.victimOfB}`, { owner: 'org-a', name: c.victimOfB, isAdmin: true })(c),
  },
  {
    name: 'update-user of A: columns=displayName takes nothing else from the body',
    needs: ['victim'],
    expected: only(ADMINS_OF_A),
    request: (c) =>
      post(`/api/update-user?id=org-a/${c.victim}&columns=displayName`, {
        displayName: 'Only this',
        isAdmin: true,
        isForbidden: true,
        owner: 'org-b',
      })(c),
    check: async (_json, c) =>
      expect(await userRow('org-a', c.victim)).toMatchObject({ displayName: 'Only this', isAdmin: 0, isForbidden: 0 }),
  },
  {
    name: 'update-user of A: isForbidden',
    needs: ['signed in'],
    expected: only(ADMINS_OF_A),
    request: (c) => post(`/api/update-user?id=org-a/${c.victim}&columns=isForbidden`, { isForbidden: true })(c),
    check: async (_json, c) =>
      expect(
        (await t.request('/api/get-account', { headers: { authorization: `Bearer ${c.token}` } })).json.status,
      ).toBe('error'),
  },
  // A user's own record: profile yes, rights no, by any route through the body.
  {
    name: 'update-user self: profile',
    own: true,
    expected: only(USERS, APPS),
    request: (c) => post('/api/update-user', { displayName: 'Me' })(c),
    check: async (_json, c) => expect((await userRow(c.self!.owner, c.self!.name))?.displayName).toBe('Me'),
  },
  {
    name: 'update-user self: isAdmin in the whole object',
    own: true,
    expected: only(USERS, { ...APPS, 'user of A': { field: 'isAdmin' } }),
    request: (c) =>
      post('/api/update-user', { owner: c.self?.owner, name: c.self?.name, displayName: 'Me', isAdmin: true })(c),
  },
  {
    name: 'update-user self: columns=isAdmin',
    own: true,
    expected: only(USERS, { ...APPS, 'user of A': { field: 'isAdmin' } }),
    request: (c) => post('/api/update-user?columns=isAdmin', { isAdmin: true })(c),
  },
  {
    name: 'update-user self: columns=is_admin (Casdoor’s column name)',
    own: true,
    expected: only(USERS, { ...APPS, 'user of A': { field: 'isAdmin' } }),
    request: (c) => post('/api/update-user?columns=is_admin', { isAdmin: true })(c),
  },
  {
    name: 'update-user self: columns=displayName smuggling isAdmin',
    own: true,
    expected: only(USERS, APPS),
    request: (c) => post('/api/update-user?columns=displayName', { displayName: 'Me', isAdmin: true })(c),
    check: async (_json, c) => {
      if (c.caller === 'user of A') expect((await userRow(c.self!.owner, c.self!.name))?.isAdmin).toBe(0);
    },
  },
  {
    name: 'update-user self: owner built-in',
    own: true,
    expected: only(['global admin'], { ...APPS, 'user of A': { field: 'owner' } }),
    request: (c) => post('/api/update-user', { owner: 'built-in' })(c),
  },
  {
    name: 'update-user self: isForbidden and isDeleted',
    own: true,
    expected: only(['admin of A', 'admin of B', 'global admin'], { ...APPS, 'user of A': { field: 'isForbidden' } }),
    request: (c) => post('/api/update-user', { isForbidden: true, isDeleted: true })(c),
  },
  {
    name: 'delete-user of A',
    needs: ['signed in'],
    expected: only(ADMINS_OF_A),
    request: (c) => post(`/api/delete-user?id=org-a/${c.victim}`, { owner: 'org-a', name: c.victim })(c),
    check: async (_json, c) => expect(await userRow('org-a', c.victim)).toBeUndefined(),
  },
  // Organizations
  {
    name: 'get-organizations',
    expected: only([...USERS, 'app of A (secret)', 'app of A (token)', 'app of built-in']),
    request: get('/api/get-organizations'),
    check: (json, c) => {
      const names = json.data.map((organization: { name: string }) => organization.name);
      if (c.caller === 'global admin' || c.caller === 'app of built-in')
        expect(names).toEqual(expect.arrayContaining(['built-in', 'org-a', 'org-b']));
      else expect(names).toEqual([c.caller === 'admin of B' ? 'org-b' : 'org-a']);
    },
  },
  {
    name: 'get-organization A',
    expected: only([...ADMINS_OF_A, 'user of A']),
    request: get('/api/get-organization?id=admin/org-a'),
    check: (json) => expect(json.data.name).toBe('org-a'),
  },
  {
    name: 'update-organization A',
    expected: only(ADMINS_OF_A),
    request: (c) => post('/api/update-organization?id=admin/org-a', { displayName: `Org A ${c.n}` })(c),
  },
  // Applications
  {
    name: 'get-applications of A',
    expected: only(ADMINS_OF_A),
    request: get('/api/get-applications?organization=org-a'),
    check: (json) => {
      for (const application of json.data) expect(application.organization).toBe('org-a');
      expect(
        json.data.some(
          (application: { clientSecret: string }) => application.clientSecret && application.clientSecret !== '***',
        ),
      ).toBe(true);
    },
  },
  {
    name: 'get-application of A: anyone sees the public view; the secret only its administrators',
    needs: ['app'],
    expected: only([...callers], { anonymous: 'ok' }),
    request: (c) => get(`/api/get-application?id=admin/${c.app}`)(c),
    check: (json, c) => {
      const admin = (ADMINS_OF_A as readonly string[]).includes(c.caller);
      expect(json.data.name).toBe(c.app);
      if (admin) expect(json.data.clientSecret).toMatch(/^[0-9a-f]{40}$/);
      else expect(json.data.clientSecret).toBe('***');
    },
  },
  {
    name: 'update-application of A',
    needs: ['app'],
    expected: only(ADMINS_OF_A),
    request: (c) => post(`/api/update-application?id=admin/${c.app}`, { displayName: 'Changed' })(c),
  },
  {
    name: 'update-application of A: moved to B',
    needs: ['app'],
    expected: only(GLOBAL),
    request: (c) => post(`/api/update-application?id=admin/${c.app}`, { organization: 'org-b' })(c),
  },
  // Tokens
  {
    name: 'get-tokens of A',
    needs: ['signed in'],
    expected: only(ADMINS_OF_A),
    request: get('/api/get-tokens?organization=org-a'),
    check: (json, c) => expect(json.data.map((token: { name: string }) => token.name)).toContain(c.tokenName),
  },
  {
    name: 'get-token of a user of A',
    needs: ['signed in'],
    expected: only(ADMINS_OF_A),
    request: (c) => get(`/api/get-token?id=admin/${c.tokenName}`)(c),
    check: (json, c) => expect(json.data).toMatchObject({ user: c.victim, accessToken: c.token, refreshToken: '' }),
  },
  {
    name: 'delete-token of a user of A',
    needs: ['signed in'],
    expected: only(ADMINS_OF_A),
    request: (c) => post(`/api/delete-token?id=admin/${c.tokenName}`)(c),
    check: async (_json, c) =>
      expect(
        (await t.request('/api/get-account', { headers: { authorization: `Bearer ${c.token}` } })).json.status,
      ).toBe('error'),
  },
  // Keys
  {
    name: 'get-keys of A: a user of A lists their own only',
    expected: only([...ADMINS_OF_A, 'user of A']),
    request: get('/api/get-keys?owner=org-a'),
  },
  {
    name: 'add-key for a user of A',
    needs: ['victim'],
    expected: only(ADMINS_OF_A),
    request: (c) => post('/api/add-key', { owner: 'org-a', name: `key-${c.n}`, user: c.victim })(c),
    check: async (_json, c) =>
      expect(await storedRow(t.context.db, 'key', { name: `key-${c.n}` })).toMatchObject({
        organization: 'org-a',
        user: c.victim,
      }),
  },
  {
    name: 'add-key in A naming built-in/admin',
    expected: only([]),
    request: (c) =>
      post('/api/add-key', { owner: 'org-a', name: `escalate-${c.n}`, organization: 'built-in', user: 'admin' })(c),
  },
  // Records and enforcement
  {
    name: 'get-records of A',
    expected: only(ADMINS_OF_A),
    request: get('/api/get-records?owner=org-a'),
    check: (json) => {
      for (const record of json.data) expect(record.owner).toBe('org-a');
    },
  },
  {
    name: 'enforce a permission of A',
    expected: only(ADMINS_OF_A),
    request: post('/api/enforce?permissionId=org-a/read-docs', ['org-a/reader', 'docs', 'read']),
    check: (json) => expect(json.data).toEqual([true]),
  },
];

const label = (outcome: Outcome) => (typeof outcome === 'string' ? outcome : `"${outcome.field}" not writable`);
const cases = rows.flatMap((row) => callers.map((caller) => [row.name, caller, label(row.expected[caller])] as const));

describe('identity × object endpoint', () => {
  test.each(cases)('%s, as %s: %s', async (rowName, caller) => {
    const row = rows.find((candidate) => candidate.name === rowName)!;
    const outcome = row.expected[caller];
    const targets = await freshTargets(row.needs ?? []);
    const { headers, self } = await credentialsOf(caller, row.own ?? false, targets.n);
    const context: Context = { ...targets, caller, headers, self };
    const before = outcome === 'ok' ? undefined : await snapshot();
    const { json } = await row.request(context);
    if (outcome === 'ok') {
      expect({ status: json.status, msg: json.msg }).toEqual({ status: 'ok', msg: '' });
      await row.check?.(json, context);
      return;
    }
    expect({ status: json.status, msg: json.msg }).toEqual({ status: 'error', msg: message(outcome) });
    expect(await snapshot()).toEqual(before!);
  });
});
