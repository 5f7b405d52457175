import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ACL_MODEL } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import { call, type OrganizationCallers, organizationWithCallers, startObjectTest } from '../../../test/callers.ts';
import type { TestApp } from '../../../test/create-test-app.ts';

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);
const RBAC_MODEL = ACL_MODEL.replace('[policy_effect]', '[role_definition]\ng = _, _\n\n[policy_effect]');

let t: TestApp;
let acme: OrganizationCallers;
let beta: OrganizationCallers;
const ENFORCER = '/api/get-filtered-policies?id=acme/enforcer';

beforeAll(async () => {
  ({ t, org: acme } = await startObjectTest('acme'));
  beta = await organizationWithCallers(t, 'beta');
  for (const [path, body] of [
    ['/api/add-model', { owner: 'acme', name: 'model', modelText: RBAC_MODEL }],
    ['/api/add-adapter', { owner: 'acme', name: 'adapter' }],
    ['/api/add-enforcer', { owner: 'acme', name: 'enforcer', model: 'acme/model', adapter: 'acme/adapter' }],
  ] as const) {
    expect((await call(t, acme.admin, path, body)).data).toBe('Affected');
  }
  for (const rule of [
    { ptype: 'p', v0: 'alice', v1: 'data1', v2: 'read' },
    { ptype: 'p', v0: 'alice', v1: 'data2', v2: 'write' },
    { ptype: 'p', v0: 'bob', v1: 'data1', v2: 'write' },
    { ptype: 'g', v0: 'carol', v1: 'alice' },
  ]) {
    expect((await call(t, acme.admin, '/api/add-policy?id=acme/enforcer', rule)).data).toBe('Affected');
  }
});
afterAll(() => t.dispose());

const lines = (answer: { data: { Ptype: string; V0: string; V1: string; V2: string }[] }) =>
  answer.data.map((line) => [line.Ptype, line.V0, line.V1, line.V2].join(',')).sort();

describe('get-filtered-policies', () => {
  test("keeps the lines that match every filter, as Casdoor's Go SDK sends them", async () => {
    expect(lines(await call(t, acme.app, ENFORCER, [{ ptype: 'p', fieldIndex: 0, fieldValues: ['alice'] }]))).toEqual([
      'p,alice,data1,read',
      'p,alice,data2,write',
    ]);
    expect(
      lines(
        await call(t, acme.app, ENFORCER, [
          { ptype: 'p', fieldIndex: 1, fieldValues: ['data1'] },
          { ptype: 'p', fieldIndex: 2, fieldValues: ['write'] },
        ]),
      ),
    ).toEqual(['p,bob,data1,write']);
    expect(
      lines(await call(t, acme.app, ENFORCER, [{ ptype: 'p', fieldIndex: 0, fieldValues: ['alice', 'bob'] }])).length,
    ).toBe(3);
  });

  test('a filter without a field index (or one out of range) keeps its policy type; an empty type means p; no filters keep everything', async () => {
    expect(lines(await call(t, acme.admin, ENFORCER, [{ ptype: 'g' }]))).toEqual(['g,carol,alice,']);
    expect(lines(await call(t, acme.admin, ENFORCER, [{ ptype: 'g', fieldIndex: 9, fieldValues: ['x'] }]))).toEqual([
      'g,carol,alice,',
    ]);
    expect(lines(await call(t, acme.admin, ENFORCER, [{ ptype: '', fieldIndex: 0, fieldValues: ['bob'] }]))).toEqual([
      'p,bob,data1,write',
    ]);
    expect((await call(t, acme.admin, ENFORCER, [])).data.length).toBe(4);
    expect(
      (await t.request(ENFORCER, { method: 'POST', headers: acme.admin.headers, body: 'null' })).json.data.length,
    ).toBe(4);
  });

  test('refuses a body that is not a list of filters, and callers of other organizations', async () => {
    expect((await call(t, acme.admin, ENFORCER, { ptype: 'p' })).msg).toBe(en('object.body_not_array'));
    expect((await call(t, acme.admin, ENFORCER, [{ ptype: 'p', fieldIndex: 'zero' }])).msg).toBe(
      en('general.invalid_field', { field: '0.fieldIndex' }),
    );
    expect((await call(t, beta.admin, ENFORCER, [])).msg).toBe(en('general.unauthorized_operation'));
    expect((await call(t, acme.user, ENFORCER, [])).msg).toBe(en('general.unauthorized_operation'));
  });
});
