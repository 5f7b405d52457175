import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ACL_MODEL, storedRows } from '@latchkey/db/testing';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';

/**
 * An enforcer may name a model and an adapter of its organization before they are added (Casdoor
 * stores an enforcer unchecked; its Python SDK test names an adapter "Casdoor Website" that nobody
 * adds). Such a name can only ever stand for the organization's own object; another organization's
 * names stay refused alike whether or not they exist, and an id of `built-in` that a global
 * administrator wrote while it named nothing is never used, whatever is added under it later.
 */
let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let beta: OrganizationCallers;

const SHARED_MODEL = 'built-in/user-model-built-in';
const SHARED_ADAPTER = 'built-in/user-adapter-built-in';

const enforce = (caller: Caller, enforcer: string, request: string[]) =>
  call(t, caller, `/api/enforce?enforcerId=${enforcer}`, request);
const storedEnforcers = async (name: string) =>
  (await storedRows(t.context.db, 'enforcer', { name })).map(
    (row) => `${row.owner}/${row.name} ${row.model} ${row.adapter}`,
  );

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  beta = await organizationWithCallers(t, 'beta');
});
afterAll(() => t.dispose());

describe('an enforcer naming what is not added yet', () => {
  test("its organization's own: accepted, and used once added", async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-enforcer', {
          owner: 'acme',
          name: 'early',
          model: 'later-model',
          adapter: 'Casdoor Website',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-enforcer?id=acme/early')).data).toMatchObject({
      model: 'acme/later-model',
      adapter: 'acme/Casdoor Website',
    });
    expect((await enforce(acme.admin, 'acme/early', ['alice', 'data1', 'read'])).msg).toBe(
      '"acme/later-model" in model does not exist.',
    );
    // Policy lines need the model; once it is added, lines written through the enforcer are acme's own,
    // under its adapter's id, while that adapter is still not added.
    expect(
      (await call(t, acme.admin, '/api/add-policy?id=acme/early', { ptype: 'p', v0: 'alice', v1: 'data1', v2: 'read' }))
        .status,
    ).toBe('error');
    expect(
      (await call(t, acme.admin, '/api/add-model', { owner: 'acme', name: 'later-model', modelText: ACL_MODEL })).data,
    ).toBe('Affected');
    expect(
      (await call(t, acme.admin, '/api/add-policy?id=acme/early', { ptype: 'p', v0: 'alice', v1: 'data1', v2: 'read' }))
        .data,
    ).toBe('Affected');
    expect(
      (await storedRows(t.context.db, 'casbin_rule', { v0: 'alice' }, ['adapter'])).map((row) => row.adapter),
    ).toEqual(['acme/Casdoor Website']);
    expect((await enforce(acme.admin, 'acme/early', ['alice', 'data1', 'read'])).data).toEqual([true]);
  });

  test("another organization's: refused alike whether it exists or not, also once it exists", async () => {
    expect(
      (await call(t, beta.admin, '/api/add-model', { owner: 'beta', name: 'beta-model', modelText: ACL_MODEL })).data,
    ).toBe('Affected');
    const refusals: string[] = [];
    for (const [model, adapter] of [
      ['beta/beta-model', SHARED_ADAPTER],
      ['beta/beta-later', SHARED_ADAPTER],
      [SHARED_MODEL, 'beta/beta-later'],
      ['built-in/private-later', SHARED_ADAPTER],
    ] as const) {
      const answer = await call(t, acme.admin, '/api/add-enforcer', { owner: 'acme', name: 'reach', model, adapter });
      expect({ model, adapter, status: answer.status }).toEqual({ model, adapter, status: 'error' });
      refusals.push(answer.msg.replace(model, '<model>').replace(adapter, '<adapter>'));
    }
    expect(new Set(refusals.slice(0, 2)).size).toBe(1);
    expect(await storedEnforcers('reach')).toEqual([]);
    // beta adds what acme tried to name: acme still cannot name it.
    expect(
      (await call(t, beta.admin, '/api/add-model', { owner: 'beta', name: 'beta-later', modelText: ACL_MODEL })).data,
    ).toBe('Affected');
    expect(
      (
        await call(t, acme.admin, '/api/add-enforcer', {
          owner: 'acme',
          name: 'reach',
          model: 'beta/beta-later',
          adapter: SHARED_ADAPTER,
        })
      ).status,
    ).toBe('error');
    expect(await storedEnforcers('reach')).toEqual([]);
  });

  test("a global administrator's id of built-in that names nothing is stored as the Python SDK writes it, and never used", async () => {
    // The Python SDK's test_enforcer, as an application of built-in sends it (the SDK puts its organization in owner).
    const body = {
      owner: 'acme',
      name: 'Enforcer_sdk',
      displayName: 'Enforcer_sdk',
      description: 'built-in/user-model-built-in',
      model: 'built-in/user-adapter-built-in',
      adapter: 'Casdoor Website',
      isEnabled: false,
    };
    expect((await call(t, root, '/api/add-enforcer', body)).data).toBe('Affected');
    const listed = (await call(t, root, '/api/get-enforcers?owner=acme')).data.map((e: { name: string }) => e.name);
    expect(listed).toContain('Enforcer_sdk');
    const stored = (await call(t, root, '/api/get-enforcer?id=acme/Enforcer_sdk')).data;
    expect(stored).toMatchObject({ model: 'built-in/user-adapter-built-in', adapter: 'acme/Casdoor Website' });
    expect(
      (
        await call(t, root, '/api/update-enforcer?id=acme/Enforcer_sdk', {
          ...stored,
          description: 'Updated Casdoor Website',
        })
      ).data,
    ).toBe('Affected');
    // The model is added to built-in afterwards: acme's enforcer still evaluates with nothing of built-in's.
    expect(
      (
        await call(t, root, '/api/add-model', {
          owner: 'built-in',
          name: 'user-adapter-built-in',
          modelText: ACL_MODEL,
        })
      ).data,
    ).toBe('Affected');
    const missing = '"built-in/user-adapter-built-in" in model does not exist.';
    expect((await enforce(acme.admin, 'acme/Enforcer_sdk', ['alice', 'data1', 'read'])).msg).toBe(missing);
    expect((await call(t, acme.admin, '/api/get-policies?id=acme/Enforcer_sdk')).msg).toBe(missing);
    expect(
      (
        await call(t, acme.admin, '/api/add-policy?id=acme/Enforcer_sdk', {
          ptype: 'p',
          v0: 'alice',
          v1: 'data1',
          v2: 'read',
        })
      ).msg,
    ).toBe(missing);
    // Now that it exists it is built-in's own model, which an enforcer of acme may not name, even a global administrator's.
    expect(
      (
        await call(t, root, '/api/update-enforcer?id=acme/Enforcer_sdk&columns=description,model', {
          description: 'again',
          model: 'built-in/user-adapter-built-in',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, root, '/api/add-enforcer', { ...body, name: 'Enforcer_sdk_2' })).msg).toBe(
      '"built-in/user-adapter-built-in" in model belongs to another organization.',
    );
    // An organization administrator never names built-in's, existing or not.
    expect((await call(t, acme.admin, '/api/add-enforcer', { ...body, name: 'by-admin' })).status).toBe('error');
    expect(
      (await call(t, acme.admin, '/api/add-enforcer', { ...body, name: 'by-admin', model: 'built-in/none-such' }))
        .status,
    ).toBe('error');
    expect(await storedEnforcers('by-admin')).toEqual([]);
    expect((await call(t, root, '/api/delete-enforcer', { owner: 'acme', name: 'Enforcer_sdk' })).data).toBe(
      'Affected',
    );
  });
});
