import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ACL_MODEL, countStoredRows, storedRows } from '@latchkey/db/testing';
import { USER_MODEL_TEXT } from '../../server/casbin-defaults.ts';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';

/**
 * Casdoor's default model `built-in/user-model-built-in` and adapter `built-in/user-adapter-built-in`
 * exist from the first start, and every organization's enforcers may name them (Casdoor's SDK tests
 * do). Using them never lets an organization change them, nor read or write the policy lines of
 * `built-in` or of another organization: each organization's lines over the shared adapter are its own.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let beta: OrganizationCallers;

const MODEL = 'built-in/user-model-built-in';
const ADAPTER = 'built-in/user-adapter-built-in';
const PERMISSION = 'built-in/permission-built-in';

const storedObject = async (table: 'model' | 'adapter' | 'permission', id: string) => {
  const [owner = '', name = ''] = id.split('/');
  return (await storedRows(t.context.db, table, { owner, name }))[0];
};
const storesOfLines = async () =>
  (await storedRows(t.context.db, 'casbin_rule', {}, ['adapter', 'v0'])).map((row) => `${row.adapter}: ${row.v0}`);
const policiesOf = async (caller: Caller, enforcer: string) =>
  (await call(t, caller, `/api/get-policies?id=${enforcer}`)).data.map((line: { V0: string }) => line.V0).sort();
const allows = async (caller: Caller, enforcer: string, request: string[]) =>
  (await call(t, caller, `/api/enforce?enforcerId=${enforcer}`, request)).data;

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  beta = await organizationWithCallers(t, 'beta');
});
afterAll(() => t.dispose());

describe("Casdoor's default Casbin objects", () => {
  test('exist from the first start with the content Casdoor gives them', async () => {
    expect((await call(t, root, `/api/get-model?id=${MODEL}`)).data).toMatchObject({
      owner: 'built-in',
      name: 'user-model-built-in',
      displayName: 'Built-in Model',
      modelText: USER_MODEL_TEXT,
    });
    expect((await call(t, root, `/api/get-adapter?id=${ADAPTER}`)).data).toMatchObject({
      owner: 'built-in',
      name: 'user-adapter-built-in',
      table: 'casbin_user_rule',
      useSameDb: true,
    });
    expect((await call(t, root, `/api/get-permission?id=${PERMISSION}`)).data).toMatchObject({
      owner: 'built-in',
      name: 'permission-built-in',
      users: ['built-in/*'],
      model: MODEL,
      resourceType: 'Application',
      resources: ['app-built-in'],
      actions: ['Read', 'Write', 'Admin'],
      effect: 'Allow',
      isEnabled: true,
      state: 'Approved',
    });
    // The permission grants what Casdoor's does: every user of built-in may read the portal's application.
    const enforce = (request: string[]) =>
      call(t, root, `/api/enforce?permissionId=${PERMISSION}`, request).then((answer) => answer.data);
    expect(await enforce(['built-in/admin', 'app-built-in', 'Read'])).toEqual([true]);
    expect(await enforce(['acme/acme-admin', 'app-built-in', 'Read'])).toEqual([false]);
  });

  test('neither global nor organization administrators delete or rename them', async () => {
    for (const [kind, id] of [
      ['model', MODEL],
      ['adapter', ADAPTER],
      ['permission', PERMISSION],
    ] as const) {
      const [owner, name] = id.split('/');
      expect((await call(t, root, `/api/delete-${kind}`, { owner, name })).msg).toBe(
        `"${id}" is built in and cannot be deleted, renamed or moved.`,
      );
      expect(
        (await call(t, root, `/api/update-${kind}?id=${id}&columns=name`, { owner, name: `${name}-renamed` })).msg,
      ).toBe(`"${id}" is built in and cannot be deleted, renamed or moved.`);
      expect(await storedObject(kind, id)).toBeDefined();
    }
  });
});

describe('an organization uses the shared model and adapter as they are', () => {
  beforeAll(async () => {
    for (const [caller, owner] of [
      [acme.app, 'acme'],
      [beta.admin, 'beta'],
    ] as const) {
      expect(
        await call(t, caller, '/api/add-enforcer', { owner, name: 'shared', model: MODEL, adapter: ADAPTER }),
      ).toMatchObject({ status: 'ok', data: 'Affected' });
    }
    // The global administrators' own enforcer over the same adapter.
    expect(
      (
        await call(t, root, '/api/add-enforcer', {
          owner: 'built-in',
          name: 'user-enforcer',
          model: MODEL,
          adapter: ADAPTER,
        })
      ).data,
    ).toBe('Affected');
    expect(
      (
        await call(t, root, '/api/add-policy?id=built-in/user-enforcer', {
          Ptype: 'p',
          V0: 'root-line',
          V1: 'everything',
          V2: 'Admin',
        })
      ).data,
    ).toBe('Affected');
  });

  test('the enforcer names them as given and evaluates with the shared model', async () => {
    expect((await call(t, acme.app, '/api/get-enforcer?id=acme/shared')).data).toMatchObject({
      model: MODEL,
      adapter: ADAPTER,
    });
    expect(
      (
        await call(t, acme.app, '/api/add-policy?id=acme/shared', {
          Id: 0,
          Ptype: 'p',
          V0: 'admins',
          V1: 'data1',
          V2: 'read',
        })
      ).data,
    ).toBe('Affected');
    expect(
      (await call(t, acme.app, '/api/add-policy?id=acme/shared', { Id: 0, Ptype: 'g', V0: 'alice', V1: 'admins' }))
        .data,
    ).toBe('Affected');
    // user-model-built-in is role-based: alice reads data1 through the role.
    expect(await allows(acme.app, 'acme/shared', ['alice', 'data1', 'read'])).toEqual([true]);
    expect(await allows(acme.app, 'acme/shared', ['bob', 'data1', 'read'])).toEqual([false]);
  });

  test("each organization's lines are its own: it sees and changes no one else's", async () => {
    expect(
      (
        await call(t, beta.admin, '/api/add-policy?id=beta/shared', {
          Ptype: 'p',
          V0: 'beta-line',
          V1: 'data1',
          V2: 'read',
        })
      ).data,
    ).toBe('Affected');
    expect(await policiesOf(acme.app, 'acme/shared')).toEqual(['admins', 'alice']);
    expect(await policiesOf(beta.admin, 'beta/shared')).toEqual(['beta-line']);
    expect(await policiesOf(root, 'built-in/user-enforcer')).toEqual(['root-line']);
    // alice is an admin in acme only.
    expect(await allows(beta.admin, 'beta/shared', ['alice', 'data1', 'read'])).toEqual([false]);
    // Removing a line that only another organization holds changes nothing anywhere.
    expect(
      (await call(t, beta.admin, '/api/remove-policy?id=beta/shared', { Ptype: 'g', V0: 'alice', V1: 'admins' })).data,
    ).toBe('Unaffected');
    expect(
      (
        await call(t, acme.app, '/api/remove-policy?id=acme/shared', {
          Ptype: 'p',
          V0: 'root-line',
          V1: 'everything',
          V2: 'Admin',
        })
      ).data,
    ).toBe('Unaffected');
    expect(await storesOfLines()).toEqual([
      'acme/built-in/user-adapter-built-in: admins',
      'acme/built-in/user-adapter-built-in: alice',
      'beta/built-in/user-adapter-built-in: beta-line',
      'built-in/user-adapter-built-in: root-line',
    ]);
  });

  test('an organization administrator cannot change, delete or read the shared objects', async () => {
    const before = {
      model: await storedObject('model', MODEL),
      adapter: await storedObject('adapter', ADAPTER),
      permission: await storedObject('permission', PERMISSION),
    };
    for (const caller of [acme.admin, acme.app]) {
      expect(
        (
          await call(t, caller, `/api/update-model?id=${MODEL}`, {
            owner: 'built-in',
            name: 'user-model-built-in',
            modelText: ACL_MODEL,
          })
        ).status,
      ).toBe('error');
      expect(
        (await call(t, caller, `/api/update-model?id=${MODEL}&columns=modelText`, { modelText: ACL_MODEL })).status,
      ).toBe('error');
      expect(
        (await call(t, caller, `/api/update-adapter?id=${ADAPTER}&columns=table`, { table: 'casbin_rule' })).status,
      ).toBe('error');
      expect(
        (
          await call(t, caller, `/api/update-permission?id=${PERMISSION}&columns=users`, {
            users: ['built-in/*', 'acme/*'],
          })
        ).status,
      ).toBe('error');
      for (const [kind, id] of [
        ['model', MODEL],
        ['adapter', ADAPTER],
        ['permission', PERMISSION],
      ] as const) {
        const [owner, name] = id.split('/');
        expect((await call(t, caller, `/api/delete-${kind}?id=${id}`)).status).toBe('error');
        expect((await call(t, caller, `/api/delete-${kind}`, { owner, name })).status).toBe('error');
        // The owner from the body of an id without one is checked as any owner is.
        expect((await call(t, caller, `/api/delete-${kind}?id=/${name}`, { owner, name })).status).toBe('error');
        expect((await call(t, caller, `/api/get-${kind}?id=${id}`)).status).toBe('error');
      }
      // Nor add objects to built-in, nor reach built-in's enforcer and its lines.
      expect(
        (await call(t, caller, '/api/add-model', { owner: 'built-in', name: 'planted', modelText: ACL_MODEL })).status,
      ).toBe('error');
      expect(
        (
          await call(t, caller, '/api/add-policy?id=built-in/user-enforcer', {
            Ptype: 'p',
            V0: 'planted',
            V1: 'everything',
            V2: 'Admin',
          })
        ).status,
      ).toBe('error');
      expect((await call(t, caller, '/api/get-policies?id=built-in/user-enforcer')).status).toBe('error');
      expect(
        (await call(t, caller, '/api/enforce?enforcerId=built-in/user-enforcer', ['root-line', 'everything', 'Admin']))
          .status,
      ).toBe('error');
    }
    expect({
      model: await storedObject('model', MODEL),
      adapter: await storedObject('adapter', ADAPTER),
      permission: await storedObject('permission', PERMISSION),
    }).toEqual(before);
    expect(await policiesOf(root, 'built-in/user-enforcer')).toEqual(['root-line']);
  });

  test("only Casdoor's default objects are shared: built-in's others and other organizations' stay out of reach", async () => {
    expect(
      (await call(t, root, '/api/add-model', { owner: 'built-in', name: 'private-model', modelText: ACL_MODEL })).data,
    ).toBe('Affected');
    expect((await call(t, root, '/api/add-adapter', { owner: 'built-in', name: 'private-adapter' })).data).toBe(
      'Affected',
    );
    expect(
      (await call(t, beta.admin, '/api/add-model', { owner: 'beta', name: 'beta-model', modelText: ACL_MODEL })).data,
    ).toBe('Affected');
    expect((await call(t, beta.admin, '/api/add-adapter', { owner: 'beta', name: 'beta-adapter' })).data).toBe(
      'Affected',
    );
    for (const [model, adapter] of [
      ['built-in/private-model', ADAPTER],
      [MODEL, 'built-in/private-adapter'],
      ['beta/beta-model', ADAPTER],
      [MODEL, 'beta/beta-adapter'],
    ]) {
      expect({
        model,
        adapter,
        status: (await call(t, acme.admin, '/api/add-enforcer', { owner: 'acme', name: 'reach', model, adapter }))
          .status,
      }).toEqual({ model, adapter, status: 'error' });
      expect(
        (await call(t, acme.admin, '/api/update-enforcer?id=acme/shared&columns=model,adapter', { model, adapter }))
          .status,
      ).toBe('error');
    }
    expect((await call(t, acme.admin, '/api/get-enforcer?id=acme/shared')).data).toMatchObject({
      model: MODEL,
      adapter: ADAPTER,
    });
    expect(await countStoredRows(t.context.db, 'enforcer', { name: 'reach' })).toBe(0);
    // Positive control: the shared ones, and acme's own, are accepted.
    expect(
      (await call(t, acme.admin, '/api/add-model', { owner: 'acme', name: 'acme-model', modelText: ACL_MODEL })).data,
    ).toBe('Affected');
    expect(
      (
        await call(t, acme.admin, '/api/add-enforcer', {
          owner: 'acme',
          name: 'reach',
          model: 'acme-model',
          adapter: ADAPTER,
        })
      ).data,
    ).toBe('Affected');
  });

  test('a permission may use the shared model (and adapter) as it is', async () => {
    const permission = {
      owner: 'acme',
      name: 'read-portal',
      users: ['acme/acme-user'],
      model: MODEL,
      adapter: ADAPTER,
      resources: ['reports'],
      actions: ['Read'],
      isEnabled: true,
    };
    expect((await call(t, acme.admin, '/api/add-permission', permission)).data).toBe('Affected');
    expect(
      (await call(t, acme.app, '/api/enforce?permissionId=acme/read-portal', ['acme/acme-user', 'reports', 'Read']))
        .data,
    ).toEqual([true]);
    expect(
      (await call(t, acme.app, '/api/enforce?permissionId=acme/read-portal', ['acme/acme-admin', 'reports', 'Read']))
        .data,
    ).toEqual([false]);
    expect(
      (
        await call(t, acme.admin, '/api/add-permission', {
          ...permission,
          name: 'private',
          model: 'built-in/private-model',
        })
      ).status,
    ).toBe('error');
  });

  test('a permission naming admin/user-model-built-in, as the SDK tests do, uses the built-in default model', async () => {
    // What casdoor-go-sdk's and casdoor-nodejs-sdk's TestPermission send.
    const permission = {
      owner: 'acme',
      name: 'sdk-permission',
      displayName: 'sdk-permission',
      description: 'Casdoor Website',
      users: ['acme/*'],
      groups: [],
      roles: [],
      domains: [],
      model: 'admin/user-model-built-in',
      adapter: '',
      resourceType: 'Application',
      resources: ['app-casbin'],
      actions: ['Read', 'Write'],
      effect: 'Allow',
      isEnabled: true,
    };
    expect((await call(t, acme.app, '/api/add-permission?id=acme/sdk-permission', permission)).msg).toBe('');
    expect((await call(t, acme.app, '/api/get-permission?id=acme/sdk-permission')).data.model).toBe(
      'admin/user-model-built-in',
    );
    expect(
      (
        await call(t, acme.app, '/api/update-permission?id=acme/sdk-permission', {
          ...permission,
          description: 'Updated Casdoor Website',
        })
      ).data,
    ).toBe('Affected');
    const enforce = (request: string[]) =>
      call(t, acme.app, '/api/enforce?permissionId=acme/sdk-permission', request).then((answer) => answer.data);
    expect(await enforce(['acme/acme-user', 'app-casbin', 'Write'])).toEqual([true]);
    expect(await enforce(['acme/acme-user', 'app-casbin', 'Admin'])).toEqual([false]);
    expect(await enforce(['beta/beta-user', 'app-casbin', 'Read'])).toEqual([false]);
    // Only that id: another model of "admin", or the alias for an enforcer, is refused as before.
    for (const [path, body] of [
      ['/api/add-permission', { ...permission, name: 'other-admin-model', model: 'admin/rbac' }],
      [
        '/api/add-enforcer',
        { owner: 'acme', name: 'alias-enforcer', model: 'admin/user-model-built-in', adapter: ADAPTER },
      ],
    ] as const) {
      expect({ path, msg: (await call(t, acme.admin, path, body)).msg }).toEqual({
        path,
        msg: `"${body.model}" in model belongs to another organization.`,
      });
    }
  });

  test("an organization's lines over the shared adapter follow it when it is renamed and go when it is deleted", async () => {
    expect(
      (await call(t, root, '/api/update-organization?id=admin/beta&columns=name', { owner: 'admin', name: 'gamma' }))
        .data,
    ).toBe('Affected');
    expect(await policiesOf(root, 'gamma/shared')).toEqual(['beta-line']);
    expect(await allows(root, 'gamma/shared', ['beta-line', 'data1', 'read'])).toEqual([true]);
    expect((await call(t, root, '/api/delete-organization', { owner: 'admin', name: 'gamma' })).data).toBe('Affected');
    expect(await storesOfLines()).toEqual([
      'acme/built-in/user-adapter-built-in: admins',
      'acme/built-in/user-adapter-built-in: alice',
      'built-in/user-adapter-built-in: root-line',
    ]);
  });
});
