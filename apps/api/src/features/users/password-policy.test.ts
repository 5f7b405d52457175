import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser } from '../../test/fixtures.ts';

/** One organization's password rules hold on every route that sets a password. */
let t: TestApp;
let root: Caller;
beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  await addOrganization(t, 'strict', { passwordOptions: ['AtLeast8', 'Aa123'] });
  await addUser(t, 'strict', 'existing', 'Existing-password-1');
  await addApplication(t, 'strict-app', 'strict', { enableSignUp: true });
});
afterAll(() => t.dispose());

const tooShort = { status: 'error', msg: 'The password must have at least 8 characters.', data: { field: 'password' } };
const noDigit = {
  status: 'error',
  msg: expect.stringContaining('lowercase'),
  data: { field: 'password' },
};

describe('one password policy per organization', () => {
  test('add-user refuses a password the organization does not allow, naming the field', async () => {
    expect(await call(t, root, '/api/add-user', { owner: 'strict', name: 'short', password: '1' })).toMatchObject(
      tooShort,
    );
    expect(
      await call(t, root, '/api/add-user', { owner: 'strict', name: 'short', password: 'onlylowercase' }),
    ).toMatchObject(noDigit);
    expect(await findUser(t.context.db, 'strict', 'short')).toBeUndefined();
    // A user without a password (signs in another way) is still allowed, and a good password is taken.
    expect((await call(t, root, '/api/add-user', { owner: 'strict', name: 'nopassword' })).status).toBe('ok');
    expect(
      (await call(t, root, '/api/add-user', { owner: 'strict', name: 'good', password: 'Good-password-1' })).status,
    ).toBe('ok');
  });

  test('update-user with a new password follows the same rules; other changes are not checked', async () => {
    const { data: user } = await call(t, root, '/api/get-user?id=strict/existing');
    expect(await call(t, root, '/api/update-user?id=strict/existing', { ...user, password: 'short' })).toMatchObject({
      status: 'error',
      msg: 'The password must have at least 8 characters.',
      data: { field: 'password' },
    });
    expect(
      (await call(t, root, '/api/update-user?id=strict/existing', { ...user, displayName: 'Still fine' })).status,
    ).toBe('ok');
    expect(
      (await call(t, root, '/api/update-user?id=strict/existing', { ...user, password: 'Another-password-2' })).status,
    ).toBe('ok');
  });

  test('set-password and signup name their own fields', async () => {
    const form = new URLSearchParams({ userOwner: 'strict', userName: 'existing', newPassword: '1' });
    const response = await t.request('/api/set-password', {
      body: form.toString(),
      headers: { ...root.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.json).toMatchObject({
      status: 'error',
      msg: 'The password must have at least 8 characters.',
      data: { field: 'newPassword' },
    });
    const signup = await t.request('/api/signup', {
      body: { application: 'strict-app', username: 'joiner', password: 'abc' },
    });
    expect(signup.json).toMatchObject(tooShort);
  });

  test('an uploaded user with a password the organization does not allow is a row problem; nothing is written', async () => {
    const form = new FormData();
    form.append('file', new Blob(['name,password\nfine,Fine-password-1\nweak,1\n']), 'users.csv');
    const response = await t.request('/api/upload-users?owner=strict', {
      method: 'POST',
      body: form,
      headers: root.headers,
    });
    expect(response.json.status).toBe('error');
    expect(JSON.stringify(response.json)).toContain('8 characters');
    expect(await findUser(t.context.db, 'strict', 'fine')).toBeUndefined();
    expect(await findUser(t.context.db, 'strict', 'weak')).toBeUndefined();
  });
});
