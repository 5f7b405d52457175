import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { storedRow, storedRows } from '@latchkey/db/testing';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

const account = (key: string, secret: string) =>
  t.request(`/api/get-account?accessKey=${key}&accessSecret=${secret}`).then((response) => response.json);

describe('keys', () => {
  test('a key for a user gets an access key and a sealed secret, shown on get-key only, and signs in as that user', async () => {
    expect((await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'ci', user: 'acme-user' })).data).toBe(
      'Affected',
    );
    const { data } = await call(t, acme.admin, '/api/get-key?id=acme/ci');
    expect(data).toMatchObject({ organization: 'acme', user: 'acme-user', type: 'User', state: 'Active' });
    expect(data.accessSecret).not.toBe('***');
    expect((await call(t, acme.admin, '/api/get-keys?owner=acme')).data[0].accessSecret).toBe('***');
    const row = await storedRow(t.context.db, 'key', { name: 'ci' });
    expect(t.context.secrets.isSealed(row.accessSecret)).toBe(true);
    expect((await account(data.accessKey, data.accessSecret)).name).toBe('acme-user');
  });

  test('sending back the key as get-key or get-keys showed it changes nothing, the secret included', async () => {
    const row = () => storedRow(t.context.db, 'key', { name: 'ci' });
    const before = await row();
    const shown = (await call(t, acme.admin, '/api/get-key?id=acme/ci')).data;
    const listed = (await call(t, acme.admin, '/api/get-keys?owner=acme')).data.find(
      (key: { name: string }) => key.name === 'ci',
    );
    for (const body of [shown, listed])
      expect((await call(t, acme.admin, '/api/update-key?id=acme/ci', body)).data).toBe('Unaffected');
    expect(await row()).toEqual(before);
  });

  test('a key stays in its organization: no key of acme can act in built-in', async () => {
    for (const body of [
      { owner: 'acme', name: 'escalate', organization: 'built-in', user: 'admin' },
      { owner: 'acme', name: 'via-app', organization: 'built-in', application: 'app-built-in' },
      { owner: 'acme', name: 'via-app', application: 'app-built-in' },
      { owner: 'built-in', name: 'mine', user: 'admin' },
      { owner: 'acme', name: 'ghost', user: 'admin' },
    ]) {
      expect({ body, status: (await call(t, acme.admin, '/api/add-key', body)).status }).toEqual({
        body,
        status: 'error',
      });
    }
    expect(await storedRows(t.context.db, 'key', { organization: 'built-in' })).toEqual([]);
    expect(
      (await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'app-key', application: 'acme-app' })).data,
    ).toBe('Affected');
    const key = (await call(t, acme.admin, '/api/get-key?id=acme/app-key')).data;
    expect(key.organization).toBe('acme');
    // The key acts as acme's application, an administrator of acme only.
    expect(
      (await t.request(`/api/get-users?owner=built-in&accessKey=${key.accessKey}&accessSecret=${key.accessSecret}`))
        .json.status,
    ).toBe('error');
    expect(
      (await t.request(`/api/get-users?owner=acme&accessKey=${key.accessKey}&accessSecret=${key.accessSecret}`)).json
        .status,
    ).toBe('ok');
    const updated = await call(t, acme.admin, '/api/update-key?id=acme/app-key', {
      ...key,
      organization: 'built-in',
      user: 'admin',
    });
    expect(updated.status).toBe('error');
    expect((await call(t, acme.admin, '/api/get-key?id=acme/app-key')).data.organization).toBe('acme');
  });

  test('an inactive key stops working; access keys are unique', async () => {
    const key = (await call(t, acme.admin, '/api/get-key?id=acme/ci')).data;
    expect(
      (
        await call(t, acme.admin, '/api/add-key', {
          owner: 'acme',
          name: 'copy',
          user: 'acme-user',
          accessKey: key.accessKey,
        })
      ).msg,
    ).toBe('This access key is already in use.');
    expect((await call(t, acme.admin, '/api/update-key?id=acme/ci&columns=state', { state: 'Inactive' })).data).toBe(
      'Affected',
    );
    expect((await account(key.accessKey, key.accessSecret)).status).toBe('error');
  });

  test('a plain user holds keys for themselves only, and manages them', async () => {
    const me = acme.user;
    expect((await call(t, me, '/api/add-key', { owner: 'acme', name: 'mine' })).data).toBe('Affected');
    const key = (await call(t, me, '/api/get-key?id=acme/mine')).data;
    expect(key).toMatchObject({ user: 'acme-user', type: 'User' });
    expect((await account(key.accessKey, key.accessSecret)).name).toBe('acme-user');
    expect((await call(t, me, '/api/add-key', { owner: 'acme', name: 'theirs', user: 'acme-admin' })).status).toBe(
      'error',
    );
    expect((await call(t, me, '/api/add-key', { owner: 'acme', name: 'app', application: 'acme-app' })).status).toBe(
      'error',
    );
    expect((await call(t, me, '/api/get-key?id=acme/app-key')).status).toBe('error');
    expect((await call(t, me, '/api/update-key?id=acme/mine', { ...key, user: 'acme-admin' })).status).toBe('error');
    expect((await call(t, me, '/api/update-key?id=acme/mine&columns=state', { state: 'Inactive' })).data).toBe(
      'Affected',
    );
    expect((await call(t, me, '/api/delete-key?id=acme/app-key', { owner: 'acme', name: 'app-key' })).status).toBe(
      'error',
    );
    expect((await call(t, me, '/api/delete-key?id=acme/mine', { owner: 'acme', name: 'mine' })).data).toBe('Affected');
    // Their own keys only, those an administrator made for them included; another organization's are refused.
    expect(
      (await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'made-for-me', user: 'acme-user' })).data,
    ).toBe('Affected');
    expect(
      (await call(t, acme.admin, '/api/add-key', { owner: 'acme', name: 'not-mine', user: 'acme-admin' })).data,
    ).toBe('Affected');
    const listed = await call(t, me, '/api/get-keys?owner=acme');
    expect(listed.status).toBe('ok');
    const names = listed.data.map((listedKey: { name: string }) => listedKey.name);
    expect(names).toContain('made-for-me');
    expect(names).not.toContain('not-mine');
    for (const listedKey of listed.data) expect(listedKey).toMatchObject({ user: 'acme-user', accessSecret: '***' });
    expect((await call(t, me, '/api/get-keys?owner=built-in')).status).toBe('error');
  });

  test('get-global-keys is for global administrators', async () => {
    expect((await call(t, acme.admin, '/api/get-global-keys')).status).toBe('error');
    expect(
      (await call(t, root, '/api/get-global-keys')).data
        .map((key: { name: string; accessSecret: string }) => `${key.name}:${key.accessSecret}`)
        .sort(),
    ).toEqual(['app-key:***', 'ci:***', 'made-for-me:***', 'not-mine:***']);
  });
});
