import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { call, startObjectTest, type Caller, type OrganizationCallers } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

const account = (key: string, secret: string) => t.request(`/api/get-account?accessKey=${key}&accessSecret=${secret}`).then((response) => response.json);

describe('keys', () => {
  test('a key for a user gets an access key and a sealed secret, shown on get-key only, and signs in as that user', async () => {
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'ci', user: 'acme-user' })).data).toBe('Affected');
    const { data } = await call(t, acme.admin, '/api/get-key?id=acme/ci');
    expect(data).toMatchObject({ organization: 'acme', user: 'acme-user', type: 'User', state: 'Active' });
    expect(data.accessSecret).not.toBe('***');
    expect((await call(t, acme.admin, '/api/get-keys?owner=acme')).data[0].accessSecret).toBe('***');
    const row = await t.context.db.selectFrom('key').select('accessSecret').where('name', '=', 'ci').executeTakeFirstOrThrow();
    expect(t.context.secrets.isSealed(row.accessSecret)).toBe(true);
    expect((await account(data.accessKey, data.accessSecret)).name).toBe('acme-user');
  });

  test('the organization is pinned to the owner: no key of acme can act in built-in', async () => {
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'escalate', organization: 'built-in', user: 'admin' })).msg).toBe(
      'The user "acme/admin" does not exist.',
    );
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'via-app', organization: 'built-in', application: 'app-built-in' })).msg).toBe(
      'The application "app-built-in" does not exist.',
    );
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'built-in', name: 'mine', user: 'admin' })).status).toBe('error');
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'app-key', application: 'acme-app', organization: 'built-in' })).data).toBe('Affected');
    const key = (await call(t, acme.admin, '/api/get-key?id=acme/app-key')).data;
    expect(key.organization).toBe('acme');
    // The key acts as acme's application, an administrator of acme only.
    expect((await t.request(`/api/get-users?owner=built-in&accessKey=${key.accessKey}&accessSecret=${key.accessSecret}`)).json.status).toBe('error');
    expect((await t.request(`/api/get-users?owner=acme&accessKey=${key.accessKey}&accessSecret=${key.accessSecret}`)).json.status).toBe('ok');
    const updated = await call(t, acme.admin, '/api/update-key?id=acme/app-key', { ...key, organization: 'built-in', user: 'admin' });
    expect(updated.status).toBe('error');
    expect((await call(t, acme.admin, '/api/get-key?id=acme/app-key')).data.organization).toBe('acme');
  });

  test('an inactive key stops working; access keys are unique', async () => {
    const key = (await call(t, acme.admin, '/api/get-key?id=acme/ci')).data;
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'copy', user: 'acme-user', accessKey: key.accessKey })).msg).toBe('This access key is already in use.');
    expect((await call(t, acme.admin, '/api/update-key?id=acme/ci&columns=state', { state: 'Inactive' })).data).toBe('Affected');
    expect((await account(key.accessKey, key.accessSecret)).status).toBe('error');
  });

  test('get-global-keys is for global administrators', async () => {
    expect((await call(t, acme.admin, '/api/get-global-keys')).status).toBe('error');
    expect((await call(t, root, '/api/get-global-keys')).data.map((key: { accessSecret: string }) => key.accessSecret)).toEqual(['***', '***']);
  });
});
