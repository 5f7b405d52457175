import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findOrganization, findUser } from '@latchkey/db';
import { type Caller, call, globalAdmin, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { signIn, tokenFor } from '../../test/fixtures.ts';

let t: TestApp;
let root: Caller;

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
});
afterAll(() => t.dispose());

describe('organizations', () => {
  test('a global administrator adds one; its admin edits it but cannot create, rename or delete organizations', async () => {
    const acme = await organizationWithCallers(t, 'acme');
    expect(await call(t, acme.admin, '/api/add-organization', { owner: 'admin', name: 'other' })).toMatchObject({
      status: 'error',
      msg: 'You are not allowed to do this.',
    });
    const organization = (await call(t, acme.admin, '/api/get-organization?id=admin/acme')).data;
    expect(
      (
        await call(t, acme.admin, '/api/update-organization?id=admin/acme', {
          ...organization,
          displayName: 'Acme Inc.',
        })
      ).data,
    ).toBe('Affected');
    expect((await findOrganization(t.context.db, 'acme'))?.displayName).toBe('Acme Inc.');
    expect(
      (await call(t, acme.admin, '/api/update-organization?id=admin/acme', { ...organization, name: 'acme2' })).status,
    ).toBe('error');
    expect((await call(t, acme.admin, '/api/delete-organization', { owner: 'admin', name: 'acme' })).status).toBe(
      'error',
    );
    expect(await findOrganization(t.context.db, 'acme')).toBeDefined();
  });

  test('members read their own organization with its secrets hidden, and no other', async () => {
    await call(t, root, '/api/update-organization?id=admin/acme&columns=passwordObfuscatorKey', {
      passwordObfuscatorKey: 'obfuscation-key',
    });
    const member = { headers: { cookie: await signIn(t, 'acme', 'acme-user', 'user-password', 'acme-app') } };
    const { data } = await call(t, member, '/api/get-organization?id=admin/acme');
    expect(data.name).toBe('acme');
    expect(data.passwordObfuscatorKey).toBe('***');
    expect((await call(t, member, '/api/get-organizations')).data.map((row: { name: string }) => row.name)).toEqual([
      'acme',
    ]);
    expect((await call(t, member, '/api/get-organization?id=admin/built-in')).status).toBe('error');
    expect((await call(t, root, '/api/get-organization?id=admin/acme')).data.passwordObfuscatorKey).toBe(
      'obfuscation-key',
    );
  });

  test('a global administrator lists every organization, paged; the names list too', async () => {
    await call(t, root, '/api/add-organization', { owner: 'admin', name: 'zeta', displayName: 'Zeta' });
    const page = await call(
      t,
      root,
      '/api/get-organizations?owner=admin&p=1&pageSize=2&sortField=name&sortOrder=ascend',
    );
    expect(page.data.map((row: { name: string }) => row.name)).toEqual(['acme', 'built-in']);
    expect(page.data2).toBe(3);
    expect(
      (await call(t, root, '/api/get-organization-names?owner=admin')).data
        .map((row: { name: string }) => row.name)
        .sort(),
    ).toEqual(['acme', 'built-in', 'zeta']);
  });

  test('get-default-application: the named default, else the first; the public view for others', async () => {
    expect((await call(t, undefined, '/api/get-default-application?id=admin/acme')).data).toMatchObject({
      name: 'acme-app',
      clientSecret: '***',
    });
    await call(t, root, '/api/add-application', { owner: 'admin', name: 'acme-portal', organization: 'acme' });
    await call(t, root, '/api/update-organization?id=admin/acme&columns=defaultApplication', {
      defaultApplication: 'acme-portal',
    });
    const { data } = await call(t, root, '/api/get-default-application?id=admin/acme');
    expect(data.name).toBe('acme-portal');
    expect(data.clientSecret).not.toBe('***');
    expect(
      (
        await call(t, root, '/api/update-organization?id=admin/acme&columns=defaultApplication', {
          defaultApplication: 'app-of-someone-else',
        })
      ).status,
    ).toBe('error');
  });

  test('renaming follows the organization into its users, applications, roles and sessions', async () => {
    await call(t, root, '/api/add-organization', { owner: 'admin', name: 'initech' });
    await call(t, root, '/api/add-user', { owner: 'initech', name: 'peter', password: 'peter-password' });
    await call(t, root, '/api/add-group', { owner: 'initech', name: 'tps' });
    await call(t, root, '/api/update-user?id=initech/peter&columns=groups', { groups: ['initech/tps'] });
    await call(t, root, '/api/add-role', {
      owner: 'initech',
      name: 'staff',
      users: ['initech/peter'],
      groups: ['initech/tps'],
    });
    await call(t, root, '/api/add-application', {
      owner: 'admin',
      name: 'initech-app',
      organization: 'initech',
      enablePassword: true,
    });
    const cookie = await signIn(t, 'initech', 'peter', 'peter-password', 'initech-app');
    const organization = (await call(t, root, '/api/get-organization?id=admin/initech')).data;
    expect(
      (await call(t, root, '/api/update-organization?id=admin/initech', { ...organization, name: 'initrode' })).data,
    ).toBe('Affected');
    expect(await findOrganization(t.context.db, 'initech')).toBeUndefined();
    expect((await findUser(t.context.db, 'initrode', 'peter'))?.groups).toEqual(['initrode/tps']);
    expect((await call(t, root, '/api/get-application?id=admin/initech-app')).data.organization).toBe('initrode');
    expect((await call(t, root, '/api/get-role?id=initrode/staff')).data).toMatchObject({
      users: ['initrode/peter'],
      groups: ['initrode/tps'],
    });
    expect((await t.request('/api/get-account', { headers: { cookie } })).json.data.owner).toBe('initrode');
  });

  test('deleting one removes everything it holds, so none of its credentials keep working', async () => {
    await call(t, root, '/api/add-user', { owner: 'zeta', name: 'zed', password: 'zed-password' });
    await call(t, root, '/api/add-application', {
      owner: 'admin',
      name: 'zeta-app',
      organization: 'zeta',
      enablePassword: true,
    });
    const cookie = await signIn(t, 'zeta', 'zed', 'zed-password', 'zeta-app');
    const token = await tokenFor(t, 'zeta-app', 'zeta', 'zed');
    expect((await call(t, root, '/api/delete-organization', { owner: 'admin', name: 'zeta' })).data).toBe('Affected');
    expect(await findUser(t.context.db, 'zeta', 'zed')).toBeUndefined();
    expect((await call(t, root, '/api/get-application?id=admin/zeta-app')).data).toBeNull();
    expect((await t.request('/api/get-account', { headers: { cookie } })).json.status).toBe('error');
    expect((await t.request('/api/get-account', { headers: { authorization: `Bearer ${token}` } })).json.status).toBe(
      'error',
    );
  });

  test('built-in cannot be deleted or renamed', async () => {
    const builtIn = (await call(t, root, '/api/get-organization?id=admin/built-in')).data;
    expect((await call(t, root, '/api/delete-organization', { owner: 'admin', name: 'built-in' })).msg).toBe(
      '"admin/built-in" is built in and cannot be deleted, renamed or moved.',
    );
    expect(
      (await call(t, root, '/api/update-organization?id=admin/built-in', { ...builtIn, name: 'core' })).status,
    ).toBe('error');
    expect(await findOrganization(t.context.db, 'built-in')).toBeDefined();
  });
});
