import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, deleteRows, insertRow, updateRows } from '@latchkey/db';
import { countingSelects, storedRows } from '@latchkey/db/testing';
import { seedAcme, type TestClient, tokensFor } from '../../features/oauth/testing/flows.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser } from '../../test/fixtures.ts';
import { type AppContext, formatTime } from '../context.ts';
import { grantsOf } from './user-grants.ts';

/**
 * The roles and permissions of a user, as tokens and UserInfo carry them (Casdoor's
 * ExtendUserWithRolesAndPermissions): roles named by id or group, roles that contain a held role
 * as a sub-role, permissions that reach the user by name, group, role or the wildcard; found
 * through the member index that triggers keep whoever writes the roles and permissions.
 */
let t: TestApp;
let root: Caller;
let client: TestClient;

const claimsOf = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, any>;
const add = async (kind: string, body: Record<string, unknown>) =>
  expect((await call(t, root, `/api/add-${kind}`, { owner: 'acme', ...body })).data).toBe('Affected');
const names = (objects: { name: string }[]) => objects.map((object) => object.name).sort();

/** A context whose queries are listed by kind and the table they read, as the query builder hands them to the database. */
function countingQueries() {
  const { db, queries } = countingSelects(t.context.db);
  const counted: AppContext = { ...t.context, db };
  return { queries, counted };
}

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
  root = await globalAdmin(t);
  await addUser(t, 'acme', 'bob', 'bob-password');
  await addUser(t, 'acme', 'nobody', 'nobody-password');
  await add('group', { name: 'staff' });
  await call(t, root, '/api/update-user?id=acme/bob&columns=groups', { groups: ['acme/staff'] });
  await add('role', { name: 'viewer', users: ['acme/alice'], isEnabled: true });
  // Whoever holds "viewer" holds "editor" too: editor lists viewer as a sub-role.
  await add('role', { name: 'editor', roles: ['acme/viewer'], isEnabled: true });
  await add('role', { name: 'staff-role', groups: ['acme/staff'], isEnabled: true });
  await add('role', { name: 'switched-off', users: ['acme/alice'], isEnabled: false });
  await add('permission', {
    name: 'edit-docs',
    roles: ['acme/editor'],
    resources: ['docs'],
    actions: ['write'],
    isEnabled: true,
  });
  await add('permission', {
    name: 'staff-lounge',
    groups: ['acme/staff'],
    resources: ['lounge'],
    actions: ['enter'],
    isEnabled: true,
  });
  await add('permission', {
    name: 'alice-only',
    users: ['acme/alice'],
    resources: ['diary'],
    actions: ['read'],
    isEnabled: true,
  });
  await add('permission', {
    name: 'not-approved',
    users: ['acme/alice'],
    resources: ['vault'],
    actions: ['open'],
    isEnabled: true,
    state: 'Pending',
  });
});
afterAll(() => t.dispose());

describe('what a user holds', () => {
  test('roles by id, by group and through sub-roles; permissions in effect by name, group and role', async () => {
    const alice = await grantsOf(t.context, { owner: 'acme', name: 'alice', groups: [] });
    expect(names(alice.roles)).toEqual(['editor', 'viewer']);
    expect(names(alice.permissions)).toEqual(['alice-only', 'edit-docs']);
    const bob = await grantsOf(t.context, { owner: 'acme', name: 'bob', groups: ['acme/staff'] });
    expect(names(bob.roles)).toEqual(['staff-role']);
    expect(names(bob.permissions)).toEqual(['staff-lounge']);
  });

  test('a user no role or permission names costs one query, on the member index', async () => {
    const { queries, counted } = countingQueries();
    expect(await grantsOf(counted, { owner: 'acme', name: 'nobody', groups: [] })).toEqual({
      roles: [],
      permissions: [],
    });
    expect(queries).toEqual(['SelectQueryNode policy_member']);
    queries.length = 0;
    await grantsOf(counted, { owner: 'acme', name: 'alice', groups: [] });
    expect(queries).toEqual(['SelectQueryNode policy_member', 'SelectQueryNode role', 'SelectQueryNode permission']);
  });

  test('what another organization names, even everyone, costs a user of this one no more than one query', async () => {
    await addOrganization(t, 'globex');
    const now = formatTime(t.clock.now());
    await insertRow(
      t.context.db,
      'permission',
      codecs.permission.encode({
        owner: 'globex',
        name: 'everyone',
        createdTime: now,
        users: ['*'],
        groups: ['*'],
        isEnabled: true,
        state: 'Approved',
      }),
    );
    await insertRow(
      t.context.db,
      'role',
      codecs.role.encode({ owner: 'globex', name: 'everyone', createdTime: now, users: ['*'], isEnabled: true }),
    );
    try {
      const { queries, counted } = countingQueries();
      expect(await grantsOf(counted, { owner: 'acme', name: 'nobody', groups: ['acme/staff-less'] })).toEqual({
        roles: [],
        permissions: [],
      });
      expect(queries).toEqual(['SelectQueryNode policy_member']);
    } finally {
      await deleteRows(t.context.db, 'permission', { owner: 'globex' });
      await deleteRows(t.context.db, 'role', { owner: 'globex' });
    }
  });

  test('the member index follows every write: API updates, renames and deletes, and rows written directly', async () => {
    const held = async (name: string, groups: string[] = []) => {
      const grants = await grantsOf(t.context, { owner: 'acme', name, groups });
      return [...names(grants.roles), ...names(grants.permissions)];
    };
    await add('role', { name: 'temp', users: ['acme/nobody'], isEnabled: true });
    expect(await held('nobody')).toEqual(['temp']);
    await call(t, root, '/api/update-role?id=acme/temp', {
      owner: 'acme',
      name: 'temporary',
      users: ['acme/nobody'],
      isEnabled: true,
    });
    expect(await held('nobody')).toEqual(['temporary']);
    await call(t, root, '/api/update-role?id=acme/temporary&columns=users', { users: [] });
    expect(await held('nobody')).toEqual([]);
    await call(t, root, '/api/update-role?id=acme/temporary&columns=groups', { groups: ['acme/staff'] });
    expect(await held('nobody', ['acme/staff'])).toEqual(['staff-role', 'temporary', 'staff-lounge']);
    expect((await call(t, root, '/api/delete-role', { owner: 'acme', name: 'temporary' })).data).toBe('Affected');
    expect(await held('nobody')).toEqual([]);

    const now = formatTime(t.clock.now());
    await insertRow(
      t.context.db,
      'permission',
      codecs.permission.encode({
        owner: 'acme',
        name: 'direct',
        createdTime: now,
        users: ['acme/nobody'],
        isEnabled: true,
        state: 'Approved',
      }),
    );
    expect(await held('nobody')).toEqual(['direct']);
    await updateRows(t.context.db, 'permission', { name: 'direct' }, { users: JSON.stringify(['acme/*']) });
    expect(await held('nobody')).toEqual(['direct']);
    expect(await held('bob', ['acme/staff'])).toEqual(['staff-role', 'direct', 'staff-lounge']);
    await deleteRows(t.context.db, 'permission', { name: 'direct' });
    expect(await held('nobody')).toEqual([]);
    expect(await storedRows(t.context.db, 'policy_member', { name: ['temp', 'temporary', 'direct'] })).toEqual([]);
  });
});

describe('in tokens and UserInfo, as Casdoor puts them', () => {
  test('JWT: access and ID token carry the role and permission objects, their member lists left out', async () => {
    const { tokens } = await tokensFor(t, client);
    for (const token of [tokens.access_token, tokens.id_token]) {
      const claims = claimsOf(token);
      expect(names(claims.roles)).toEqual(['editor', 'viewer']);
      expect(names(claims.permissions)).toEqual(['alice-only', 'edit-docs']);
      expect(claims.roles.find((role: { name: string }) => role.name === 'editor')).toMatchObject({
        owner: 'acme',
        roles: ['acme/viewer'],
        users: null,
        isEnabled: true,
      });
      expect(claims.permissions.find((permission: { name: string }) => permission.name === 'edit-docs')).toMatchObject({
        owner: 'acme',
        resources: ['docs'],
        actions: ['write'],
        users: null,
      });
    }
  });

  test('a user who holds nothing gets empty lists', async () => {
    const { tokens } = await tokensFor(t, client, { username: 'nobody', password: 'nobody-password' });
    expect(claimsOf(tokens.access_token)).toMatchObject({ name: 'nobody', roles: [], permissions: [] });
  });

  test('JWT-Custom: Roles and Permissions as objects, permissionNames as names, when chosen', async () => {
    const custom = await addApplication(t, 'custom-grants', 'acme', {
      redirectUris: [client.redirectUris[0]!],
      tokenFormat: 'JWT-Custom',
      tokenFields: ['Roles', 'permissionNames'],
    });
    const { tokens } = await tokensFor(t, custom);
    const claims = claimsOf(tokens.access_token);
    expect(names(claims.roles)).toEqual(['editor', 'viewer']);
    expect([...claims.permissionNames].sort()).toEqual(['alice-only', 'edit-docs']);
    expect(claims).not.toHaveProperty('permissions');
  });

  test('UserInfo with profile: the names; without profile, or kept out by tokenFields, none', async () => {
    const userinfo = async (token: string) =>
      (await t.request('/api/userinfo', { headers: { authorization: `Bearer ${token}` } })).json;
    const { tokens } = await tokensFor(t, client);
    const claims = await userinfo(tokens.access_token);
    expect([...claims.roles].sort()).toEqual(['editor', 'viewer']);
    expect([...claims.permissions].sort()).toEqual(['alice-only', 'edit-docs']);
    const { tokens: emailOnly } = await tokensFor(t, client, { scope: 'openid email' });
    expect(await userinfo(emailOnly.access_token)).not.toContainKeys(['roles', 'permissions']);
    const limited = await addApplication(t, 'limited-app', 'acme', {
      redirectUris: [client.redirectUris[0]!],
      tokenFields: ['Name', 'Roles'],
    });
    const { tokens: limitedTokens } = await tokensFor(t, limited);
    const limitedClaims = await userinfo(limitedTokens.access_token);
    expect([...limitedClaims.roles].sort()).toEqual(['editor', 'viewer']);
    expect(limitedClaims).not.toHaveProperty('permissions');
    const { tokens: nobody } = await tokensFor(t, client, { username: 'nobody', password: 'nobody-password' });
    expect(await userinfo(nobody.access_token)).not.toContainKeys(['roles', 'permissions']);
  });
});
