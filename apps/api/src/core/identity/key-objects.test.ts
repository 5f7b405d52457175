import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRows } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addUser } from '../../test/fixtures.ts';

/**
 * Access-key objects over the API, as identity's rule has them (key-ownership.ts): a key always
 * stays in its creator's organization, so no administrator of one organization can make a key that
 * signs in as someone of another, least of all as a global administrator (Casdoor fixed the same
 * escalation in 2026). A user manages keys for themselves, and a key stops working the moment it is
 * deleted, switched off or past its expiry.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
/** The query that signs in with acme's application key. */
let appKeyQuery = '';

const NOT_ALLOWED = translate('en', 'general.unauthorized_operation');
const KEY_INVALID = translate('en', 'auth.access_key_invalid');

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  await organizationWithCallers(t, 'globex');
  await addUser(t, 'acme', 'alice', 'alice-password-1');
  await addApplication(t, 'acme-tool', 'acme');
  expect(
    (await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'app-key', application: 'acme-app' })).data,
  ).toBe('Affected');
  appKeyQuery = signInWith((await call(t, acme.admin, '/api/get-key?id=acme/app-key')).data);
});
afterAll(() => t.dispose());

const withKey = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;
const keys = () => storedRows(t.context.db, 'key', {}, ['owner', 'name']);

async function keyOf(id: string) {
  const { data } = await call(t, root, `/api/get-key?id=${id}`);
  return data as {
    owner: string;
    name: string;
    organization: string;
    user: string;
    application: string;
    accessKey: string;
    accessSecret: string;
  };
}
const signInWith = (key: { accessKey: string; accessSecret: string }) =>
  `accessKey=${key.accessKey}&accessSecret=${key.accessSecret}`;
const accountOf = async (key: { accessKey: string; accessSecret: string }) =>
  (await t.request(`/api/get-account?${signInWith(key)}`)).json;

describe('a key is pinned to its creator’s organization', () => {
  const outside = [
    ['organization built-in, user admin', { owner: 'acme', organization: 'built-in', user: 'admin' }],
    ['owner built-in, user admin', { owner: 'built-in', user: 'admin' }],
    ['owner and organization built-in', { owner: 'built-in', organization: 'built-in', user: 'admin' }],
    ['the application of built-in', { owner: 'acme', application: 'app-built-in' }],
    ['an application of another organization', { owner: 'acme', application: 'globex-app' }],
    ['a user of another organization', { owner: 'acme', organization: 'globex', user: 'globex-user' }],
  ] as const;

  test.each(outside)(
    'add-key naming %s is refused to every administrator of acme, and nothing is written',
    async (_label, fields) => {
      const before = await keys();
      const body = { name: 'minted', ...fields };
      const answers = [
        await call(t, acme.admin, '/api/add-key', body),
        await call(t, acme.app, '/api/add-key', body),
        // acme's application signed in by its own key
        (await t.request(withKey('/api/add-key', appKeyQuery), { body })).json,
      ];
      expect(answers.map((answer) => answer.status)).toEqual(['error', 'error', 'error']);
      expect(await keys()).toEqual(before);
    },
  );

  test('update-key cannot carry an existing key out of the organization, by the whole object or columns=', async () => {
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'alice-key', user: 'alice' })).data).toBe(
      'Affected',
    );
    const key = await keyOf('acme/alice-key');
    const before = await keys();
    const attempts: [string, Record<string, unknown>][] = [
      ['/api/update-key?id=acme/alice-key', { ...key, organization: 'built-in', user: 'admin' }],
      ['/api/update-key?id=acme/alice-key', { ...key, owner: 'built-in', organization: 'built-in', user: 'admin' }],
      ['/api/update-key?id=acme/alice-key&columns=organization,user', { organization: 'built-in', user: 'admin' }],
      ['/api/update-key?id=acme/alice-key&columns=user', { user: 'admin' }],
      ['/api/update-key?id=acme/alice-key&columns=user,application', { user: '', application: 'app-built-in' }],
      ['/api/update-key?id=acme/alice-key&columns=user,application', { user: '', application: 'globex-app' }],
      ['/api/update-key?id=acme/alice-key&columns=owner', { owner: 'globex' }],
    ];
    for (const caller of [acme.admin, acme.app]) {
      for (const [path, body] of attempts)
        expect({ path, body, status: (await call(t, caller, path, body)).status }).toEqual({
          path,
          body,
          status: 'error',
        });
    }
    expect(await keys()).toEqual(before);
    expect((await accountOf(key)).name).toBe('alice');
  });

  test('keys of acme act inside acme only: never as a global administrator', async () => {
    const alice = await keyOf('acme/alice-key');
    const app = await keyOf('acme/app-key');
    for (const key of [alice, app]) {
      for (const path of [
        '/api/get-global-users',
        '/api/get-users?owner=built-in',
        '/api/get-user?id=built-in/admin',
        '/api/get-organizations?owner=admin',
      ]) {
        const answer = (await t.request(withKey(path, signInWith(key)))).json;
        if (path.startsWith('/api/get-organizations'))
          expect(answer.data.map((organization: { name: string }) => organization.name)).toEqual(['acme']);
        else expect({ path, msg: answer.msg }).toEqual({ path, msg: NOT_ALLOWED });
      }
      const minted = await t.request(withKey('/api/add-user', signInWith(key)), {
        body: { owner: 'built-in', name: `via-${key.name}`, isAdmin: true },
      });
      expect(minted.json.msg).toBe(NOT_ALLOWED);
    }
    // The application's key administers acme, as the application itself does.
    expect((await t.request(withKey('/api/get-users?owner=acme', signInWith(app)))).json.status).toBe('ok');
    expect((await storedRows(t.context.db, 'user', { owner: 'built-in' })).map((user) => user.name)).toEqual(['admin']);
  });

  test('a global administrator may place a key in any organization, and it acts there only', async () => {
    expect((await call(t, root, '/api/add-key', { owner: 'globex', name: 'ops', user: 'globex-user' })).data).toBe(
      'Affected',
    );
    const key = await keyOf('globex/ops');
    expect(key).toMatchObject({ organization: 'globex', user: 'globex-user' });
    expect((await accountOf(key)).name).toBe('globex-user');
    expect((await t.request(withKey('/api/get-users?owner=acme', signInWith(key)))).json.msg).toBe(NOT_ALLOWED);
  });
});

describe('a user and their own keys', () => {
  test('a plain user creates, sees and deletes a key for themselves, and no other', async () => {
    expect((await call(t, acme.user, '/api/add-key', { owner: 'acme', name: 'my-key' })).data).toBe('Affected');
    const { data: mine } = await call(t, acme.user, '/api/get-key?id=acme/my-key');
    expect(mine).toMatchObject({
      organization: 'acme',
      user: 'acme-user',
      application: '',
      type: 'User',
      state: 'Active',
    });
    expect(mine.accessSecret).not.toBe('***');
    expect((await accountOf(mine)).name).toBe('acme-user');

    for (const body of [
      { owner: 'acme', name: 'x', user: 'alice' },
      { owner: 'acme', name: 'x', user: 'acme-admin' },
      { owner: 'acme', name: 'x', application: 'acme-app' },
      { owner: 'acme', name: 'x', organization: 'built-in', user: 'admin' },
      { owner: 'built-in', name: 'x' },
    ]) {
      expect({ body, status: (await call(t, acme.user, '/api/add-key', body)).status }).toEqual({
        body,
        status: 'error',
      });
    }
    expect((await call(t, acme.user, '/api/get-key?id=acme/alice-key')).msg).toBe(NOT_ALLOWED);
    expect(
      (await call(t, acme.user, '/api/update-key?id=acme/my-key&columns=user', { user: 'acme-admin' })).status,
    ).toBe('error');
    expect((await call(t, acme.user, '/api/delete-key?id=acme/alice-key', {})).msg).toBe(NOT_ALLOWED);
    expect(await storedRows(t.context.db, 'key', { name: 'x' })).toEqual([]);

    expect((await call(t, acme.user, '/api/delete-key?id=acme/my-key', {})).data).toBe('Affected');
    expect((await accountOf(mine)).msg).toBe(KEY_INVALID);
  });
});

describe('a key works until it is deleted, switched off or expired', () => {
  test('Inactive, Active again, expired, deleted', async () => {
    const expiry = new Date(t.clock.now().getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(
      (
        await call(t, acme.admin, '/api/add-key', {
          owner: 'acme',
          name: 'lifecycle',
          user: 'alice',
          expireTime: expiry,
        })
      ).data,
    ).toBe('Affected');
    const key = await keyOf('acme/lifecycle');
    expect((await accountOf(key)).name).toBe('alice');

    expect(
      (await call(t, acme.admin, '/api/update-key?id=acme/lifecycle&columns=state', { state: 'Inactive' })).data,
    ).toBe('Affected');
    expect((await accountOf(key)).msg).toBe(KEY_INVALID);
    expect(
      (await call(t, acme.admin, '/api/update-key?id=acme/lifecycle&columns=state', { state: 'Active' })).data,
    ).toBe('Affected');
    expect((await accountOf(key)).name).toBe('alice');

    t.clock.advance(2 * 3_600_000);
    expect((await accountOf(key)).msg).toBe(KEY_INVALID);
    t.clock.advance(-2 * 3_600_000);
    expect((await accountOf(key)).name).toBe('alice');

    expect((await call(t, acme.admin, '/api/delete-key?id=acme/lifecycle', {})).data).toBe('Affected');
    expect((await accountOf(key)).msg).toBe(KEY_INVALID);
  });

  test('the key of a user who is forbidden or deleted stops working with them', async () => {
    await addUser(t, 'acme', 'bob', 'bob-password-1');
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'bob-key', user: 'bob' })).data).toBe(
      'Affected',
    );
    const key = await keyOf('acme/bob-key');
    expect((await accountOf(key)).name).toBe('bob');
    expect(
      (await call(t, acme.admin, '/api/update-user?id=acme/bob&columns=isForbidden', { isForbidden: true })).data,
    ).toBe('Affected');
    expect((await accountOf(key)).msg).toBe(translate('en', 'auth.user_forbidden'));
    expect((await call(t, acme.admin, '/api/delete-user?id=acme/bob', {})).data).toBe('Affected');
    expect((await accountOf(key)).msg).toBe(KEY_INVALID);
    expect(await storedRows(t.context.db, 'key', { name: 'bob-key' })).toEqual([]);
  });
});
