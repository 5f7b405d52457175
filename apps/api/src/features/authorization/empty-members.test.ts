import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { countStoredRows } from '@latchkey/db/testing';
import { call, type OrganizationCallers, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';

/**
 * Casdoor's Python SDK sends `[""]` for every empty list of a Role() or Permission() it makes; an
 * empty entry names nothing, so it is dropped. Every other entry is checked as before.
 */
let t: TestApp;
let acme: OrganizationCallers;

beforeAll(async () => {
  t = await createTestApp();
  acme = await organizationWithCallers(t, 'acme');
  await organizationWithCallers(t, 'beta');
});
afterAll(() => t.dispose());

/** A Role() and a Permission() as the Python SDK fills them before the caller sets anything. */
const pythonRole = {
  owner: 'acme',
  name: '',
  createdTime: '',
  displayName: '',
  description: '',
  users: [''],
  roles: [''],
  domains: [''],
  isEnabled: false,
};
const pythonPermission = {
  owner: 'acme',
  name: '',
  createdTime: '',
  displayName: '',
  description: '',
  users: [''],
  roles: [''],
  domains: [''],
  model: '',
  resourceType: '',
  resources: ['docs'],
  actions: ['read'],
  effect: '',
  isEnabled: true,
  submitter: '',
  approver: '',
  approveTime: '',
  state: '',
};

describe('empty entries in member lists', () => {
  test('a Role() of the Python SDK is accepted with empty lists', async () => {
    expect(await call(t, acme.app, '/api/add-role', { ...pythonRole, name: 'py-role' })).toMatchObject({
      status: 'ok',
      data: 'Affected',
    });
    expect((await call(t, acme.app, '/api/get-role?id=acme/py-role')).data).toMatchObject({
      users: [],
      roles: [],
      domains: [],
      groups: [],
    });
    expect(
      (
        await call(t, acme.app, '/api/update-role?id=acme/py-role', {
          ...pythonRole,
          name: 'py-role',
          users: ['acme/acme-user', ''],
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.app, '/api/get-role?id=acme/py-role')).data.users).toEqual(['acme/acme-user']);
  });

  test('a Permission() of the Python SDK is accepted and enforces what its real entries say', async () => {
    expect(
      (
        await call(t, acme.app, '/api/add-permission', {
          ...pythonPermission,
          name: 'py-permission',
          users: ['', 'acme/acme-user'],
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.app, '/api/get-permission?id=acme/py-permission')).data).toMatchObject({
      users: ['acme/acme-user'],
      roles: [],
      domains: [],
    });
    expect(
      (await call(t, acme.app, '/api/enforce?permissionId=acme/py-permission', ['acme/acme-user', 'docs', 'read']))
        .data,
    ).toEqual([true]);
    expect(
      (await call(t, acme.app, '/api/enforce?permissionId=acme/py-permission', ['acme/acme-admin', 'docs', 'read']))
        .data,
    ).toEqual([false]);
  });

  test('the other entries are checked as before: another organization, a malformed id, nobody', async () => {
    for (const users of [['', 'beta/beta-user'], ['', 'acme'], ['', 'acme/nobody'], [' ']]) {
      expect({
        users,
        status: (await call(t, acme.app, '/api/add-role', { ...pythonRole, name: 'bad-role', users })).status,
      }).toEqual({ users, status: 'error' });
      expect({
        users,
        status: (await call(t, acme.app, '/api/add-permission', { ...pythonPermission, name: 'bad-permission', users }))
          .status,
      }).toEqual({ users, status: 'error' });
    }
    expect(await countStoredRows(t.context.db, 'role', { name: 'bad-role' })).toBe(0);
    expect(await countStoredRows(t.context.db, 'permission', { name: 'bad-permission' })).toBe(0);
  });
});
