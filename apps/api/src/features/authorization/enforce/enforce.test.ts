import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ACL_MODEL, storedRows } from '@latchkey/db/testing';
import { call, organizationWithCallers } from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';

let t: TestApp;
let acme: Awaited<ReturnType<typeof organizationWithCallers>>;
let admin: Awaited<ReturnType<typeof organizationWithCallers>>['admin'];

const rbacWithDeny = `[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act, eft

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act`;

const rbacWithDomains = `[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act`;

const abac = `[request_definition]
r = sub, obj, act

[policy_definition]
p = sub_rule, obj, act

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = eval(p.sub_rule) && r.obj == p.obj && r.act == p.act`;

const add = async (kind: string, body: Record<string, unknown>) =>
  expect((await call(t, admin, `/api/add-${kind}`, { owner: 'acme', ...body })).data).toBe('Affected');
const enforce = (query: string, request: unknown) => call(t, acme.app, `/api/enforce?${query}`, request);

beforeAll(async () => {
  t = await createTestApp();
  acme = await organizationWithCallers(t, 'acme');
  admin = acme.admin;
  for (const name of ['alice', 'bob', 'carol', 'dave']) await add('user', { name });
  await add('group', { name: 'ops' });
  await call(t, admin, '/api/update-user?id=acme/carol&columns=groups', { groups: ['acme/ops'] });
  await add('role', { name: 'reader', users: ['acme/alice'], isEnabled: true });
  await add('role', { name: 'writer', users: ['acme/bob'], roles: [], isEnabled: true });
  // Members of "writer" inherit what "reader" may do.
  await call(t, admin, '/api/update-role?id=acme/reader&columns=roles', { roles: ['acme/writer'] });
  await add('permission', {
    name: 'read-docs',
    roles: ['acme/reader'],
    resources: ['docs'],
    actions: ['read'],
    isEnabled: true,
  });
  await add('permission', {
    name: 'write-docs',
    roles: ['acme/writer'],
    resources: ['docs'],
    actions: ['write'],
    isEnabled: true,
  });
  await add('permission', {
    name: 'ops-logs',
    groups: ['acme/ops'],
    resources: ['logs'],
    actions: ['read'],
    isEnabled: true,
  });
  await add('permission', {
    name: 'everyone-wiki',
    users: ['acme/*'],
    resources: ['wiki'],
    actions: ['read'],
    isEnabled: true,
  });
  await add('permission', {
    name: 'disabled',
    users: ['acme/dave'],
    resources: ['docs'],
    actions: ['read'],
    isEnabled: false,
  });
  await add('permission', {
    name: 'expired',
    users: ['acme/dave'],
    resources: ['logs'],
    actions: ['read'],
    isEnabled: true,
    expireTime: '2000-01-01T00:00:00Z',
  });
  await add('model', { name: 'deny', modelText: rbacWithDeny });
  await add('permission', {
    name: 'all-files',
    model: 'deny',
    users: ['acme/alice', 'acme/bob'],
    resources: ['files'],
    actions: ['read'],
    isEnabled: true,
  });
  await add('permission', {
    name: 'no-bob',
    model: 'acme/deny',
    users: ['acme/bob'],
    resources: ['files'],
    actions: ['read'],
    effect: 'Deny',
    isEnabled: true,
  });
  await add('model', { name: 'domains', modelText: rbacWithDomains });
  await add('role', { name: 'tenant-admin', users: ['acme/alice'], isEnabled: true });
  await add('permission', {
    name: 'tenant',
    model: 'domains',
    roles: ['acme/tenant-admin'],
    domains: ['tenant-1'],
    resources: ['billing'],
    actions: ['read'],
    isEnabled: true,
  });
});
afterAll(() => t.dispose());

describe('enforce with permissions (the SDK sends permissionId, modelId and resourceId)', () => {
  test('roles, inherited roles, groups and the organization wildcard', async () => {
    expect(
      (await enforce('permissionId=acme/read-docs&modelId=&resourceId=', ['acme/alice', 'docs', 'read'])).data,
    ).toEqual([true]);
    expect((await enforce('permissionId=acme/read-docs', ['acme/bob', 'docs', 'read'])).data).toEqual([true]);
    expect((await enforce('permissionId=acme/read-docs', ['acme/carol', 'docs', 'read'])).data).toEqual([false]);
    expect((await enforce('permissionId=acme/write-docs', ['acme/alice', 'docs', 'write'])).data).toEqual([false]);
    expect((await enforce('permissionId=acme/ops-logs', ['acme/carol', 'logs', 'read'])).data).toEqual([true]);
    expect((await enforce('permissionId=acme/everyone-wiki', ['acme/dave', 'wiki', 'read'])).data).toEqual([true]);
    expect((await enforce('permissionId=acme/everyone-wiki', ['acme/ghost', 'wiki', 'read'])).data).toEqual([false]);
    expect((await enforce('permissionId=acme/everyone-wiki', ['globex/eve', 'wiki', 'read'])).data).toEqual([false]);
  });

  test('disabled and expired permissions grant nothing', async () => {
    expect((await enforce('permissionId=acme/disabled', ['acme/dave', 'docs', 'read'])).data).toEqual([false]);
    expect((await enforce('permissionId=acme/expired', ['acme/dave', 'logs', 'read'])).data).toEqual([false]);
  });

  test('a deny permission under a model with effects wins over an allow', async () => {
    const alice = await enforce('modelId=acme/deny', ['acme/alice', 'files', 'read']);
    expect(alice.data).toEqual([true]);
    expect(alice.data2).toEqual(['acme/deny/']);
    expect((await enforce('modelId=acme/deny', ['acme/bob', 'files', 'read'])).data).toEqual([false]);
  });

  test('domains', async () => {
    expect((await enforce('permissionId=acme/tenant', ['acme/alice', 'tenant-1', 'billing', 'read'])).data).toEqual([
      true,
    ]);
    expect((await enforce('permissionId=acme/tenant', ['acme/alice', 'tenant-2', 'billing', 'read'])).data).toEqual([
      false,
    ]);
  });

  test('owner and resourceId evaluate each model and adapter group; batch-enforce answers per request', async () => {
    const byOwner = await enforce('owner=acme', ['acme/alice', 'docs', 'read']);
    expect(byOwner.data2.sort()).toEqual(['/', 'acme/deny/', 'acme/domains/']);
    expect(byOwner.data[byOwner.data2.indexOf('/')]).toBe(true);
    expect((await enforce('resourceId=docs', ['acme/bob', 'docs', 'write'])).data).toEqual([true]);
    const batch = await call(t, acme.app, '/api/batch-enforce?permissionId=acme/read-docs', [
      ['acme/alice', 'docs', 'read'],
      ['acme/carol', 'docs', 'read'],
      ['acme/bob', 'docs', 'read'],
    ]);
    expect(batch.data).toEqual([[true, false, true]]);
  });

  test('clear errors for a wrong target or request', async () => {
    expect((await enforce('', ['a', 'b', 'c'])).msg).toBe('The parameter "permissionId" is required.');
    expect((await enforce('permissionId=acme/read-docs&owner=acme', ['a', 'b', 'c'])).status).toBe('error');
    expect((await enforce('permissionId=acme/nothing', ['a', 'b', 'c'])).status).toBe('error');
    expect((await enforce('permissionId=acme/read-docs', { sub: 'alice' })).msg).toBe(
      'The request body must be a JSON array.',
    );
    expect((await enforce('permissionId=acme/read-docs', [])).status).toBe('error');
    expect((await enforce('permissionId=acme/read-docs', [['nested']])).status).toBe('error');
    expect(
      (
        await call(t, admin, '/api/add-model', {
          owner: 'acme',
          name: 'broken',
          modelText: '[request_definition]\nr = sub',
        })
      ).msg,
    ).toStartWith('The Casbin model is not valid');
  });
});

describe('what grants nothing', () => {
  beforeAll(async () => {
    await add('permission', {
      name: 'pending',
      users: ['acme/dave'],
      resources: ['wiki-drafts'],
      actions: ['read'],
      isEnabled: true,
      state: 'Pending',
    });
    await add('model', { name: 'no-effect', modelText: ACL_MODEL });
    await add('permission', {
      name: 'vault-open',
      model: 'no-effect',
      users: ['acme/alice'],
      resources: ['vault'],
      actions: ['open'],
      isEnabled: true,
    });
    await add('permission', {
      name: 'vault-deny',
      model: 'no-effect',
      users: ['acme/carol'],
      resources: ['vault'],
      actions: ['open'],
      effect: 'Deny',
      isEnabled: true,
    });
  });

  test('an unapproved permission grants nothing until it is approved', async () => {
    expect((await enforce('permissionId=acme/pending', ['acme/dave', 'wiki-drafts', 'read'])).data).toEqual([false]);
    expect(
      (await call(t, admin, '/api/update-permission?id=acme/pending&columns=state', { state: 'Approved' })).data,
    ).toBe('Affected');
    expect((await enforce('permissionId=acme/pending', ['acme/dave', 'wiki-drafts', 'read'])).data).toEqual([true]);
  });

  test('a Deny permission under a model without eft is left out, not read as an allow', async () => {
    expect((await enforce('modelId=acme/no-effect', ['acme/alice', 'vault', 'open'])).data).toEqual([true]);
    expect((await enforce('modelId=acme/no-effect', ['acme/carol', 'vault', 'open'])).data).toEqual([false]);
    expect((await enforce('permissionId=acme/vault-deny', ['acme/carol', 'vault', 'open'])).data).toEqual([false]);
  });

  test('a request with another number of values than the model has is false for that model, not an error', async () => {
    const threeForFour = await enforce('modelId=acme/domains', ['acme/alice', 'billing', 'read']);
    expect(threeForFour).toMatchObject({ status: 'ok', data: [false] });
    const fourForThree = await enforce('permissionId=acme/read-docs', ['acme/alice', 'tenant-1', 'docs', 'read']);
    expect(fourForThree).toMatchObject({ status: 'ok', data: [false] });
  });
});

describe('enforcers and their policy lines', () => {
  beforeAll(async () => {
    await add('model', { name: 'abac', modelText: abac });
    await add('adapter', { name: 'lines' });
    await add('enforcer', { name: 'adults', model: 'abac', adapter: 'lines' });
    await add('model', { name: 'rbac', modelText: rbacWithDeny });
    await add('adapter', { name: 'rbac-lines' });
    await add('enforcer', { name: 'rbac', model: 'acme/rbac', adapter: 'acme/rbac-lines' });
  });

  test('policy lines are added, read, replaced and removed through the Kysely adapter', async () => {
    const line = { ptype: 'p', v0: 'editors', v1: 'posts', v2: 'write', v3: 'allow' };
    expect((await call(t, admin, '/api/add-policy?id=acme/rbac', line)).data).toBe('Affected');
    expect((await call(t, admin, '/api/add-policy?id=acme/rbac', line)).data).toBe('Unaffected');
    expect(
      (await call(t, admin, '/api/add-policy?id=acme/rbac', { ptype: 'g', v0: 'acme/alice', v1: 'editors' })).data,
    ).toBe('Affected');
    expect((await call(t, admin, '/api/get-policies?id=acme/rbac')).data).toEqual([
      { Id: 0, Ptype: 'g', V0: 'acme/alice', V1: 'editors', V2: '', V3: '', V4: '', V5: '' },
      { Id: 0, Ptype: 'p', V0: 'editors', V1: 'posts', V2: 'write', V3: 'allow', V4: '', V5: '' },
    ]);
    expect((await enforce('enforcerId=acme/rbac', ['acme/alice', 'posts', 'write'])).data).toEqual([true]);
    expect((await enforce('enforcerId=acme/rbac', ['acme/bob', 'posts', 'write'])).data).toEqual([false]);
    expect((await call(t, admin, '/api/update-policy?id=acme/rbac', [line, { ...line, v2: 'read' }])).data).toBe(
      'Affected',
    );
    expect((await enforce('enforcerId=acme/rbac', ['acme/alice', 'posts', 'write'])).data).toEqual([false]);
    expect(
      (await call(t, admin, '/api/remove-policy?id=acme/rbac', { ptype: 'g', v0: 'acme/alice', v1: 'editors' })).data,
    ).toBe('Affected');
    expect((await enforce('enforcerId=acme/rbac', ['acme/alice', 'posts', 'read'])).data).toEqual([false]);
    expect(
      (await call(t, admin, '/api/add-policy?id=acme/rbac', { ptype: 'p; drop table user', v0: 'x' })).status,
    ).toBe('error');
  });

  test('a replacement is whole or nothing: replacing a line by one that is there already leaves both lines as they were', async () => {
    const old = { ptype: 'p', v0: 'authors', v1: 'drafts', v2: 'write', v3: 'allow' };
    const present = { ...old, v2: 'read' };
    expect((await call(t, admin, '/api/add-policy?id=acme/rbac', old)).data).toBe('Affected');
    expect((await call(t, admin, '/api/add-policy?id=acme/rbac', present)).data).toBe('Affected');
    expect((await call(t, admin, '/api/update-policy?id=acme/rbac', [old, present])).data).toBe('Unaffected');
    const lines = (await call(t, admin, '/api/get-policies?id=acme/rbac')).data.filter(
      (line: { V0: string }) => line.V0 === 'authors',
    );
    expect(lines.map((line: { V2: string }) => line.V2).sort()).toEqual(['read', 'write']);
  });

  test('attribute-based requests pass objects (or JSON text) as the subject', async () => {
    await call(t, admin, '/api/add-policy?id=acme/adults', {
      ptype: 'p',
      v0: 'r.sub.Age >= 18',
      v1: 'bar',
      v2: 'enter',
    });
    expect((await enforce('enforcerId=acme/adults', [{ Age: 30 }, 'bar', 'enter'])).data).toEqual([true]);
    expect((await enforce('enforcerId=acme/adults', ['{"Age": 12}', 'bar', 'enter'])).data).toEqual([false]);
  });

  test('an adapter or model in use cannot be deleted; deleting an adapter drops its lines', async () => {
    expect((await call(t, admin, '/api/delete-adapter', { owner: 'acme', name: 'rbac-lines' })).status).toBe('error');
    expect((await call(t, admin, '/api/delete-model', { owner: 'acme', name: 'rbac' })).status).toBe('error');
    expect((await call(t, admin, '/api/delete-enforcer', { owner: 'acme', name: 'rbac' })).data).toBe('Affected');
    expect((await call(t, admin, '/api/delete-adapter', { owner: 'acme', name: 'rbac-lines' })).data).toBe('Affected');
    expect(await storedRows(t.context.db, 'casbin_rule', { adapter: 'acme/rbac-lines' })).toEqual([]);
  });
});

describe('what the signed-in user may do', () => {
  test('get-all-roles, get-all-objects and get-all-actions', async () => {
    const bob = { headers: { cookie: '' } };
    await call(t, admin, '/api/update-user?id=acme/bob&columns=password', { password: 'bob-password' });
    const { signIn } = await import('../../../test/fixtures.ts');
    bob.headers.cookie = await signIn(t, 'acme', 'bob', 'bob-password', 'acme-app');
    expect((await call(t, bob, '/api/get-all-roles')).data.sort()).toEqual(['reader', 'writer']);
    expect((await call(t, bob, '/api/get-all-objects')).data.sort()).toEqual(['docs', 'files', 'wiki']);
    expect((await call(t, bob, '/api/get-all-actions')).data.sort()).toEqual(['read', 'write']);
    expect((await call(t, bob, '/api/get-all-roles?userId=acme/alice')).status).toBe('error');
    expect((await call(t, admin, '/api/get-all-roles?userId=acme/alice')).data.sort()).toEqual([
      'reader',
      'tenant-admin',
    ]);
  });
});
