import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { importInitData } from '../../server/init-data/import-init-data.ts';
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

describe('the rules an administrator chooses (as the console does) hold on every route', () => {
  /** Sets the organization's rules through update-organization, as the console's password policy form does. */
  async function choose(passwordOptions: string[]) {
    const { data } = await call(t, root, '/api/get-organization?id=admin/strict');
    expect((await call(t, root, '/api/update-organization?id=admin/strict', { ...data, passwordOptions })).status).toBe(
      'ok',
    );
  }
  const addUserWith = (name: string, password: string) =>
    call(t, root, '/api/add-user', { owner: 'strict', name, password });

  const cases: { options: string[]; refused: string; message: string; allowed: string }[] = [
    { options: ['AtLeast6'], refused: 'Ab1!x', message: '6 characters', allowed: 'Ab1!xy' },
    { options: ['AtLeast8'], refused: 'Ab1!xyz', message: '8 characters', allowed: 'Ab1!xyzw' },
    { options: ['Aa123'], refused: 'alllower-1', message: 'lowercase', allowed: 'Mixed-case-1' },
    { options: ['SpecialChar'], refused: 'NoSpecial1', message: 'special', allowed: 'Special-1' },
    { options: ['NoRepeat'], refused: 'Repeatt-1', message: 'repeat', allowed: 'Unrepeated-1' },
  ];
  for (const { options, refused, message, allowed } of cases)
    test(`${options[0]}: refused on add-user, update-user, set-password and signup; a fitting password is taken`, async () => {
      await choose(options);
      const name = `u-${options[0]!.toLowerCase()}`;
      const refusal = await addUserWith(name, refused);
      expect(refusal.status).toBe('error');
      expect(refusal.msg.toLowerCase()).toContain(message);
      expect((await addUserWith(name, allowed)).status).toBe('ok');
      const { data: user } = await call(t, root, `/api/get-user?id=strict/${name}`);
      expect((await call(t, root, `/api/update-user?id=strict/${name}`, { ...user, password: refused })).status).toBe(
        'error',
      );
      const setPassword = await t.request('/api/set-password', {
        body: new URLSearchParams({ userOwner: 'strict', userName: name, newPassword: refused }).toString(),
        headers: { ...root.headers, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(setPassword.json).toMatchObject({ status: 'error', data: { field: 'newPassword' } });
      const signup = await t.request('/api/signup', {
        body: { application: 'strict-app', username: `${name}-joiner`, password: refused },
      });
      expect(signup.json).toMatchObject({ status: 'error', data: { field: 'password' } });
      expect(await findUser(t.context.db, 'strict', `${name}-joiner`)).toBeUndefined();
    });

  test('no rules: any password without blanks is taken; blanks and empty passwords never are', async () => {
    await choose([]);
    expect((await addUserWith('anything', 'x')).status).toBe('ok');
    expect((await addUserWith('blank', 'has blank')).status).toBe('error');
    await choose(['AtLeast8', 'Aa123']);
  });

  test('an imported plain-text password follows the rules; hashes, which cannot be checked, are taken', async () => {
    await choose(['AtLeast8', 'Aa123']);
    const user = (name: string, password: string, passwordType = 'plain') => ({
      owner: 'strict',
      name,
      password,
      passwordType,
    });
    const report = await importInitData(t.context, {
      users: [
        user('imported-weak', 'weak'),
        user('imported-strong', 'Imported-strong-1'),
        user('imported-hash', '$2a$10$CwTycUXWue0Thq9StjUM0uJ8.RqzW1qv8ZFl4ZL5xN3ou1f5H7y0e', 'bcrypt'),
      ],
    });
    expect(report.rejected).toEqual([
      { entry: expect.stringContaining('imported-weak'), reason: expect.stringContaining('8 characters') },
    ]);
    expect(await findUser(t.context.db, 'strict', 'imported-weak')).toBeUndefined();
    expect(await findUser(t.context.db, 'strict', 'imported-strong')).toBeDefined();
    expect(await findUser(t.context.db, 'strict', 'imported-hash')).toBeDefined();
  });
});
