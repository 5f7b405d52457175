import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { call, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof organizationWithCallers>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await organizationWithCallers(t, 'acme');
  for (const [name, parentId] of [
    ['engineering', ''],
    ['backend', 'engineering'],
    ['frontend', 'engineering'],
    ['sales', 'acme'],
  ] as const) {
    expect(
      (await call(t, acme.admin, '/api/add-group', { owner: 'acme', name, displayName: name.toUpperCase(), parentId }))
        .data,
    ).toBe('Affected');
  }
});
afterAll(() => t.dispose());

describe('groups, roles and permissions of one organization', () => {
  test('withTree=true answers the tree from the top groups down (newest first, as every list)', async () => {
    const { data } = await call(t, acme.admin, '/api/get-groups?owner=acme&withTree=true');
    expect(data).toEqual([
      { owner: 'acme', key: 'sales', title: 'SALES', type: '' },
      {
        owner: 'acme',
        key: 'engineering',
        title: 'ENGINEERING',
        type: '',
        children: [
          { owner: 'acme', key: 'frontend', title: 'FRONTEND', type: '' },
          { owner: 'acme', key: 'backend', title: 'BACKEND', type: '' },
        ],
      },
    ]);
    expect((await call(t, acme.admin, '/api/get-group?id=acme/backend')).data).toMatchObject({
      parentId: 'engineering',
      isTopGroup: false,
    });
    expect((await call(t, acme.admin, '/api/get-group?id=acme/sales')).data).toMatchObject({
      parentId: 'acme',
      isTopGroup: true,
    });
  });

  test('a group cannot sit below itself, under a missing parent, or be named like its organization', async () => {
    expect(
      (await call(t, acme.admin, '/api/update-group?id=acme/engineering&columns=parentId', { parentId: 'backend' }))
        .msg,
    ).toBe('A group cannot be placed below itself.');
    expect(
      (await call(t, acme.admin, '/api/add-group', { owner: 'acme', name: 'orphans', parentId: 'nowhere' })).status,
    ).toBe('error');
    expect((await call(t, acme.admin, '/api/add-group', { owner: 'acme', name: 'acme' })).status).toBe('error');
  });

  test('members are listed by group; a group with members or subgroups cannot be deleted', async () => {
    await call(t, acme.admin, '/api/update-user?id=acme/acme-user&columns=groups', { groups: ['acme/backend'] });
    expect(
      (await call(t, acme.admin, '/api/get-users?owner=acme&groupName=backend')).data.map(
        (user: { name: string }) => user.name,
      ),
    ).toEqual(['acme-user']);
    expect((await call(t, acme.admin, '/api/delete-group', { owner: 'acme', name: 'engineering' })).msg).toBe(
      'This group has subgroups; move or delete them first.',
    );
    expect((await call(t, acme.admin, '/api/delete-group', { owner: 'acme', name: 'backend' })).msg).toBe(
      'This group has members; remove them first.',
    );
    expect((await call(t, acme.admin, '/api/delete-group', { owner: 'acme', name: 'frontend' })).data).toBe('Affected');
  });

  test('a renamed group is renamed in its members, subgroups and roles', async () => {
    await call(t, acme.admin, '/api/add-role', { owner: 'acme', name: 'devs', groups: ['acme/backend'] });
    const group = (await call(t, acme.admin, '/api/get-group?id=acme/engineering')).data;
    expect((await call(t, acme.admin, '/api/update-group?id=acme/engineering', { ...group, name: 'rnd' })).data).toBe(
      'Affected',
    );
    expect((await call(t, acme.admin, '/api/get-group?id=acme/backend')).data.parentId).toBe('rnd');
    const backend = (await call(t, acme.admin, '/api/get-group?id=acme/backend')).data;
    await call(t, acme.admin, '/api/update-group?id=acme/backend', { ...backend, name: 'services' });
    expect((await findUser(t.context.db, 'acme', 'acme-user'))?.groups).toEqual(['acme/services']);
    expect((await call(t, acme.admin, '/api/get-role?id=acme/devs')).data.groups).toEqual(['acme/services']);
  });

  test('roles and permissions name only members of their own organization', async () => {
    expect(
      (await call(t, acme.admin, '/api/add-role', { owner: 'acme', name: 'x', users: ['built-in/admin'] })).msg,
    ).toBe('"built-in/admin" in users belongs to another organization.');
    expect((await call(t, acme.admin, '/api/add-role', { owner: 'acme', name: 'x', users: ['acme/ghost'] })).msg).toBe(
      '"acme/ghost" in users does not exist.',
    );
    expect((await call(t, acme.admin, '/api/add-role', { owner: 'acme', name: 'x', roles: ['acme/x'] })).status).toBe(
      'error',
    );
    expect(
      (await call(t, acme.admin, '/api/add-permission', { owner: 'acme', name: 'p', roles: ['built-in/admins'] }))
        .status,
    ).toBe('error');
    expect(
      (await call(t, acme.admin, '/api/add-permission', { owner: 'acme', name: 'p', model: 'built-in/api-model' }))
        .status,
    ).toBe('error');
    expect(
      (await call(t, acme.admin, '/api/add-permission', { owner: 'acme', name: 'p', effect: 'Maybe' })).status,
    ).toBe('error');
    expect(
      (
        await call(t, acme.admin, '/api/add-permission', {
          owner: 'acme',
          name: 'p',
          users: ['acme/*'],
          resources: ['r'],
          actions: ['a'],
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-permission?id=acme/p')).data).toMatchObject({
      effect: 'Allow',
      state: 'Approved',
      submitter: 'acme/acme-admin',
    });
  });
});
