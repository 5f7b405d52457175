import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { updateRows } from '@latchkey/db';
import { countStoredRows, storedRows } from '@latchkey/db/testing';
import { importInitData } from '../../../server/init-data/import-init-data.ts';
import type { ImportReport } from '../../../server/init-data/report.ts';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';

/**
 * Casdoor's init_data.json names a permission's model by its bare name (`"model": "rbac"`), which
 * means a model of the permission's own organization. Imported so, the permission enforces as one
 * added through add-permission does; references to another organization's objects are refused.
 */
let t: TestApp;
let root: Caller;
let other: OrganizationCallers;
let report: ImportReport;

const RBAC = `[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act`;

const initData = () => ({
  organizations: [{ owner: 'admin', name: 'shop', displayName: 'Shop', passwordType: 'plain' }],
  users: [
    { owner: 'shop', name: 'alice', type: 'normal-user', password: 'alice-password', passwordType: 'plain' },
    { owner: 'shop', name: 'bob', type: 'normal-user', password: 'bob-password', passwordType: 'plain' },
  ],
  models: [{ owner: 'shop', name: 'rbac', displayName: 'RBAC', modelText: RBAC }],
  roles: [{ owner: 'shop', name: 'editors', users: ['shop/alice'], roles: [], domains: [], isEnabled: true }],
  permissions: [
    {
      owner: 'shop',
      name: 'read-reports',
      model: 'rbac',
      roles: ['shop/editors'],
      users: [],
      domains: [],
      resourceType: 'Application',
      resources: ['reports'],
      actions: ['Read'],
      effect: 'Allow',
      isEnabled: true,
      state: 'Approved',
    },
    // Another organization's model: refused, as add-permission refuses it.
    {
      owner: 'shop',
      name: 'borrowed-model',
      model: 'other/rbac',
      users: ['shop/alice'],
      resources: ['reports'],
      actions: ['Read'],
      effect: 'Allow',
      isEnabled: true,
    },
  ],
  adapters: [],
  enforcers: [
    { owner: 'shop', name: 'shared', model: 'built-in/user-model-built-in', adapter: 'built-in/user-adapter-built-in' },
    // Lines into another organization's adapter: refused, and nothing is written there.
    { owner: 'shop', name: 'intruder', model: 'rbac', adapter: 'other/other-adapter' },
  ],
  enforcerPolicies: {
    'shop/shared': [['alice', 'reports', 'Write']],
    'shop/intruder': [['mallory', 'reports', 'Write']],
  },
});

const enforce = (query: string, request: string[]) =>
  call(t, root, `/api/enforce?${query}`, request).then((answer) => answer);

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  other = await organizationWithCallers(t, 'other');
  for (const [kind, body] of [
    ['model', { name: 'rbac', modelText: RBAC }],
    ['adapter', { name: 'other-adapter' }],
  ] as const) {
    expect((await call(t, other.admin, `/api/add-${kind}`, { owner: 'other', ...body })).data).toBe('Affected');
  }
  report = await importInitData(t.context, initData());
});
afterAll(() => t.dispose());

describe('a permission imported from Casdoor that names its model by name', () => {
  test('enforces, by permission and by model, with the model of its own organization', async () => {
    expect(report.counts.permissions).toEqual({ added: 1, present: 0, rejected: 1 });
    expect((await call(t, root, '/api/get-permission?id=shop/read-reports')).data.model).toBe('shop/rbac');
    expect(await enforce('permissionId=shop/read-reports', ['shop/alice', 'reports', 'Read'])).toMatchObject({
      status: 'ok',
      data: [true],
    });
    expect((await enforce('permissionId=shop/read-reports', ['shop/bob', 'reports', 'Read'])).data).toEqual([false]);
    expect((await enforce('modelId=shop/rbac', ['shop/alice', 'reports', 'Read'])).data).toEqual([true]);
  });

  test('one stored with the bare name, as earlier imports kept it, enforces too', async () => {
    await updateRows(t.context.db, 'permission', { owner: 'shop', name: 'read-reports' }, { model: 'rbac' });
    expect(await enforce('permissionId=shop/read-reports', ['shop/alice', 'reports', 'Read'])).toMatchObject({
      status: 'ok',
      data: [true],
    });
    expect((await enforce('modelId=shop/rbac', ['shop/alice', 'reports', 'Read'])).data).toEqual([true]);
    expect((await enforce('owner=shop', ['shop/alice', 'reports', 'Read'])).data).toEqual([true]);
    // Positive control: the same permission through add-permission, which also takes the bare name.
    expect(
      (
        await call(t, root, '/api/add-permission', {
          owner: 'shop',
          name: 'added',
          model: 'rbac',
          users: ['shop/bob'],
          resources: ['reports'],
          actions: ['Read'],
          isEnabled: true,
        })
      ).data,
    ).toBe('Affected');
    expect((await enforce('permissionId=shop/added', ['shop/bob', 'reports', 'Read'])).data).toEqual([true]);
  });

  test("references to another organization's model or adapter are refused, and nothing is written there", async () => {
    const reasons = Object.fromEntries(report.rejected.map(({ entry, reason }) => [entry, reason]));
    expect(reasons).toEqual({
      'permission shop/borrowed-model': 'its model "other/rbac" belongs to another organization',
      'enforcer shop/intruder': 'its adapter "other/other-adapter" belongs to another organization',
    });
    expect(await countStoredRows(t.context.db, 'casbin_rule', { adapter: 'other/other-adapter' })).toBe(0);
    expect(await countStoredRows(t.context.db, 'permission', { name: 'borrowed-model' })).toBe(0);
  });

  test("an enforcer over Casdoor's shared adapter gets its lines in its organization's own store", async () => {
    expect((await call(t, root, '/api/get-policies?id=shop/shared')).data).toEqual([
      { Id: 0, Ptype: 'p', V0: 'alice', V1: 'reports', V2: 'Write', V3: '', V4: '', V5: '' },
    ]);
    expect((await enforce('enforcerId=shop/shared', ['alice', 'reports', 'Write'])).data).toEqual([true]);
    expect((await storedRows(t.context.db, 'casbin_rule', { v0: 'alice' })).map((row) => row.adapter)).toEqual([
      'shop/built-in/user-adapter-built-in',
    ]);
  });
});
