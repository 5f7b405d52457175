import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ACL_MODEL } from '@latchkey/db/testing';
import { call, type OrganizationCallers, organizationWithCallers } from '../../../test/callers.ts';
import { createTestApp, type TestApp } from '../../../test/create-test-app.ts';

/**
 * Policy lines in the shape of Casdoor's CasbinRule, whose Go fields carry no JSON names: the Node
 * and Go SDKs send `{Id, Ptype, V0 … V5}` and read the same back; other clients send lower case.
 */
let t: TestApp;
let acme: OrganizationCallers;
let other: OrganizationCallers;

const lines = async (caller = acme.app) => (await call(t, caller, '/api/get-policies?id=acme/guard')).data;
const allowed = async (request: string[]) =>
  (await call(t, acme.app, '/api/enforce?enforcerId=acme/guard', request)).data;

beforeAll(async () => {
  t = await createTestApp();
  acme = await organizationWithCallers(t, 'acme');
  other = await organizationWithCallers(t, 'other');
  for (const [kind, body] of [
    ['model', { name: 'acl', modelText: ACL_MODEL }],
    ['adapter', { name: 'rules' }],
    ['enforcer', { name: 'guard', model: 'acme/acl', adapter: 'acme/rules' }],
  ] as const) {
    expect((await call(t, acme.admin, `/api/add-${kind}`, { owner: 'acme', ...body })).data).toBe('Affected');
  }
});
afterAll(() => t.dispose());

describe("policy lines in Casdoor's shape", () => {
  test('add-policy takes what the Node and Go SDKs send; get-policies answers Id, Ptype, V0 … V5 in that order', async () => {
    const sent = { Id: 0, Ptype: 'p', V0: 'alice', V1: 'data1', V2: 'read' };
    expect(await call(t, acme.app, '/api/add-policy?id=acme/guard', sent)).toMatchObject({
      status: 'ok',
      data: 'Affected',
    });
    const answer = await call(t, acme.app, '/api/get-policies?id=acme/guard&adapterId=');
    expect(answer.data).toEqual([{ Id: 0, Ptype: 'p', V0: 'alice', V1: 'data1', V2: 'read', V3: '', V4: '', V5: '' }]);
    expect(Object.keys(answer.data[0])).toEqual(['Id', 'Ptype', 'V0', 'V1', 'V2', 'V3', 'V4', 'V5']);
    expect(await allowed(['alice', 'data1', 'read'])).toEqual([true]);
    // The same line again, in lower case: it is there already.
    expect(
      (await call(t, acme.app, '/api/add-policy?id=acme/guard', { ptype: 'p', v0: 'alice', v1: 'data1', v2: 'read' }))
        .data,
    ).toBe('Unaffected');
  });

  test('any letter case works, extra fields (the web console sends `key`) and Id are ignored, null is empty', async () => {
    expect(
      (
        await call(t, acme.app, '/api/add-policy?id=acme/guard', {
          key: 3,
          Id: 17,
          PTYPE: 'p',
          v0: 'bob',
          V1: 'data2',
          v2: 'write',
          V3: null,
        })
      ).data,
    ).toBe('Affected');
    expect(await allowed(['bob', 'data2', 'write'])).toEqual([true]);
    expect((await lines()).map((line: { V0: string }) => line.V0).sort()).toEqual(['alice', 'bob']);
  });

  test('update-policy and remove-policy take the SDK shape too', async () => {
    const old = { Id: 0, Ptype: 'p', V0: 'bob', V1: 'data2', V2: 'write' };
    const replacement = { Id: 0, Ptype: 'p', V0: 'bob', V1: 'data2', V2: 'read' };
    expect((await call(t, acme.app, '/api/update-policy?id=acme/guard', [old, replacement])).data).toBe('Affected');
    expect(await allowed(['bob', 'data2', 'write'])).toEqual([false]);
    expect(await allowed(['bob', 'data2', 'read'])).toEqual([true]);
    expect((await call(t, acme.app, '/api/remove-policy?id=acme/guard', replacement)).data).toBe('Affected');
    expect((await call(t, acme.app, '/api/remove-policy?id=acme/guard', replacement)).data).toBe('Unaffected');
    expect(await allowed(['bob', 'data2', 'read'])).toEqual([false]);
  });

  test('what is not a policy line is refused and nothing is written', async () => {
    const before = await lines();
    const refusals: [unknown, string][] = [
      [{ Id: 0, V0: 'carol', V1: 'x', V2: 'read' }, 'The field "ptype" has a value that is not allowed.'],
      [{ Ptype: 'p; drop table user', V0: 'carol' }, 'The field "ptype" has a value that is not allowed.'],
      [{ Ptype: 'p', V0: 7, V1: 'x' }, 'The field "V0" has a value that is not allowed.'],
      [{ Ptype: 'p', v0: ['carol'], V1: 'x' }, 'The field "v0" has a value that is not allowed.'],
      // The same field twice with different values is ambiguous.
      [{ Ptype: 'p', V0: 'carol', v0: 'mallory', V1: 'x' }, 'The field "v0" has a value that is not allowed.'],
      [{ Ptype: 'p', ptype: 'g', V0: 'carol' }, 'The field "ptype" has a value that is not allowed.'],
      [{ Ptype: 'p', V0: 'x'.repeat(1001) }, 'The field "v0" has a value that is not allowed.'],
    ];
    for (const [body, msg] of refusals)
      expect({ body, answer: await call(t, acme.app, '/api/add-policy?id=acme/guard', body) }).toMatchObject({
        body,
        answer: { status: 'error', msg },
      });
    expect((await call(t, acme.app, '/api/add-policy?id=acme/guard', [{ Ptype: 'p', V0: 'carol' }])).status).toBe(
      'error',
    );
    expect(
      (
        await call(t, acme.app, '/api/update-policy?id=acme/guard', [
          { Ptype: 'p', V0: 'alice', V1: 'data1', V2: 'read' },
        ])
      ).msg,
    ).toBe('Send the old and the new policy line as an array of two.');
    expect(await lines()).toEqual(before);
  });

  test("another organization's administrator can neither read nor write these lines, whatever the shape", async () => {
    const before = await lines();
    for (const caller of [other.admin, other.app]) {
      expect((await call(t, caller, '/api/get-policies?id=acme/guard')).status).toBe('error');
      expect(
        (
          await call(t, caller, '/api/add-policy?id=acme/guard', {
            Id: 0,
            Ptype: 'p',
            V0: 'mallory',
            V1: 'data1',
            V2: 'read',
          })
        ).status,
      ).toBe('error');
      expect(
        (
          await call(t, caller, '/api/remove-policy?id=acme/guard', {
            Id: 0,
            Ptype: 'p',
            V0: 'alice',
            V1: 'data1',
            V2: 'read',
          })
        ).status,
      ).toBe('error');
    }
    // A plain user of the organization neither.
    expect(
      (
        await call(t, acme.user, '/api/add-policy?id=acme/guard', {
          Ptype: 'p',
          V0: 'acme-user',
          V1: 'data1',
          V2: 'read',
        })
      ).status,
    ).toBe('error');
    expect(await lines()).toEqual(before);
    // Positive control: the organization's administrator reads them.
    expect(await lines(acme.admin)).toEqual(before);
  });
});
