import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { countStoredRows } from '@latchkey/db/testing';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, basic, signIn, signInAsAdmin } from '../../test/fixtures.ts';

let t: TestApp;
let acmeApp: Awaited<ReturnType<typeof addApplication>>;
let betaApp: Awaited<ReturnType<typeof addApplication>>;

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme', { passwordOptions: ['AtLeast8', 'Aa123'] });
  await addOrganization(t, 'beta');
  acmeApp = await addApplication(t, 'acme-app', 'acme');
  betaApp = await addApplication(t, 'beta-app', 'beta');
  await addUser(t, 'acme', 'acme-admin', 'Admin-password-1', { isAdmin: true });
  await addUser(t, 'beta', 'beta-admin', 'Admin-password-1', { isAdmin: true });
});
afterAll(() => t.dispose());

/** The Node SDK's setPassword: multipart form fields. */
function passwordForm(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

const setPassword = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  t.request('/api/set-password', { method: 'POST', body: passwordForm(fields), headers });

const storedPassword = async (owner: string, name: string) => (await findUser(t.context.db, owner, name))!.password;
const canSignIn = async (owner: string, name: string, password: string) =>
  (await t.request('/api/login', { body: { organization: owner, username: name, password, type: 'login' } })).json
    .status === 'ok';

describe('POST /api/set-password', () => {
  test('a user changes their own password with the current one', async () => {
    await addUser(t, 'acme', 'carol', 'Old-password-1');
    const cookie = await signIn(t, 'acme', 'carol', 'Old-password-1');
    const response = await setPassword(
      { userOwner: 'acme', userName: 'carol', oldPassword: 'Old-password-1', newPassword: 'New-password-2' },
      { cookie },
    );
    expect(response.json).toEqual({ status: 'ok', msg: '', data: null, data2: null });
    expect(await canSignIn('acme', 'carol', 'New-password-2')).toBe(true);
    expect(await canSignIn('acme', 'carol', 'Old-password-1')).toBe(false);
    const user = (await findUser(t.context.db, 'acme', 'carol'))!;
    expect(user.passwordType).toBe('argon2id');
    expect(user.password.startsWith('$argon2id$')).toBe(true);
  });

  test('urlencoded bodies work as well', async () => {
    await addUser(t, 'acme', 'cecile', 'Old-password-1');
    const cookie = await signIn(t, 'acme', 'cecile', 'Old-password-1');
    const body = new URLSearchParams({
      userOwner: 'acme',
      userName: 'cecile',
      oldPassword: 'Old-password-1',
      newPassword: 'New-password-2',
    });
    expect((await t.request('/api/set-password', { method: 'POST', body, headers: { cookie } })).json.status).toBe(
      'ok',
    );
  });

  test('the current password is required and checked, and wrong guesses count towards the lockout', async () => {
    await addUser(t, 'acme', 'dave', 'Old-password-1');
    const cookie = await signIn(t, 'acme', 'dave', 'Old-password-1');
    const before = await storedPassword('acme', 'dave');
    expect(
      (await setPassword({ userOwner: 'acme', userName: 'dave', newPassword: 'New-password-2' }, { cookie })).json.msg,
    ).toBe('The parameter "oldPassword" is required.');
    expect(
      (
        await setPassword(
          { userOwner: 'acme', userName: 'dave', oldPassword: 'guess', newPassword: 'New-password-2' },
          { cookie },
        )
      ).json.msg,
    ).toBe('The current password is wrong.');
    expect(await storedPassword('acme', 'dave')).toBe(before);
    expect((await findUser(t.context.db, 'acme', 'dave'))!.signinWrongTimes).toBe(1);
  });

  test("the organization's password rules apply, and the new password must differ", async () => {
    await addUser(t, 'acme', 'erin', 'Old-password-1');
    const cookie = await signIn(t, 'acme', 'erin', 'Old-password-1');
    const attempt = (newPassword: string, language = 'en') =>
      setPassword(
        { userOwner: 'acme', userName: 'erin', oldPassword: 'Old-password-1', newPassword },
        { cookie, 'accept-language': language },
      );
    expect((await attempt('Short1')).json.msg).toBe('The password must have at least 8 characters.');
    expect((await attempt('alllowercase1')).json.msg).toBe(
      'The password must contain an uppercase letter, a lowercase letter and a digit.',
    );
    expect((await attempt('Has blank 1A')).json.msg).toBe('The password cannot contain spaces.');
    expect((await attempt('Old-password-1')).json.msg).toBe('The new password must be different from the current one.');
    expect((await attempt('Short1', 'es')).json.msg).toBe('La contraseña debe tener al menos 8 caracteres.');
    expect(await canSignIn('acme', 'erin', 'Old-password-1')).toBe(true);
  });

  test('an administrator of the organization sets a password without the old one; an application of it too', async () => {
    await addUser(t, 'acme', 'frank', 'Old-password-1');
    const adminCookie = await signIn(t, 'acme', 'acme-admin', 'Admin-password-1');
    expect(
      (
        await setPassword(
          { userOwner: 'acme', userName: 'frank', newPassword: 'By-admin-123' },
          { cookie: adminCookie },
        )
      ).json.status,
    ).toBe('ok');
    expect(await canSignIn('acme', 'frank', 'By-admin-123')).toBe(true);
    const app = { authorization: basic(acmeApp.clientId, acmeApp.plainClientSecret) };
    expect(
      (await setPassword({ userOwner: 'acme', userName: 'frank', newPassword: 'By-app-12345' }, app)).json.status,
    ).toBe('ok');
    expect(await canSignIn('acme', 'frank', 'By-app-12345')).toBe(true);
  });

  test('the global administrator may set any password', async () => {
    await addUser(t, 'beta', 'gina', 'Old-password-1');
    const cookie = await signInAsAdmin(t);
    expect(
      (await setPassword({ userOwner: 'beta', userName: 'gina', newPassword: 'By-global-1' }, { cookie })).json.status,
    ).toBe('ok');
    expect(await canSignIn('beta', 'gina', 'By-global-1')).toBe(true);
  });

  test('another organization’s administrator, application, a plain user and anonymous callers are refused; nothing changes', async () => {
    await addUser(t, 'acme', 'hank', 'Old-password-1');
    await addUser(t, 'acme', 'ivy', 'Ivy-password-1');
    const before = await storedPassword('acme', 'hank');
    const betaAdmin = await signIn(t, 'beta', 'beta-admin', 'Admin-password-1');
    const ivy = await signIn(t, 'acme', 'ivy', 'Ivy-password-1');
    const fields = { userOwner: 'acme', userName: 'hank', oldPassword: 'Old-password-1', newPassword: 'Taken-over-1' };
    expect((await setPassword(fields, { cookie: betaAdmin })).json.msg).toBe('You are not allowed to do this.');
    expect(
      (await setPassword(fields, { authorization: basic(betaApp.clientId, betaApp.plainClientSecret) })).json.msg,
    ).toBe('You are not allowed to do this.');
    expect((await setPassword(fields, { cookie: ivy })).json.msg).toBe('You are not allowed to do this.');
    expect((await setPassword(fields)).json).toMatchObject({
      status: 'error',
      msg: 'Please sign in first.',
      data: 'Please login first',
    });
    expect(await storedPassword('acme', 'hank')).toBe(before);
  });

  test('an unknown user is named only to those who may administer its organization', async () => {
    const adminCookie = await signIn(t, 'acme', 'acme-admin', 'Admin-password-1');
    expect(
      (await setPassword({ userOwner: 'acme', userName: 'nobody', newPassword: 'Whatever-1' }, { cookie: adminCookie }))
        .json.msg,
    ).toBe('The user "acme/nobody" does not exist.');
    const betaAdmin = await signIn(t, 'beta', 'beta-admin', 'Admin-password-1');
    expect(
      (await setPassword({ userOwner: 'acme', userName: 'nobody', newPassword: 'Whatever-1' }, { cookie: betaAdmin }))
        .json.msg,
    ).toBe('You are not allowed to do this.');
  });

  test('an administrator changing their own password needs the current one too; nothing changes without it', async () => {
    const before = await storedPassword('acme', 'acme-admin');
    const adminCookie = await signIn(t, 'acme', 'acme-admin', 'Admin-password-1');
    expect(
      (
        await setPassword(
          { userOwner: 'acme', userName: 'acme-admin', newPassword: 'Taken-over-1' },
          { cookie: adminCookie },
        )
      ).json.msg,
    ).toBe('The parameter "oldPassword" is required.');
    expect(
      (
        await setPassword(
          { userOwner: 'acme', userName: 'acme-admin', oldPassword: 'guess', newPassword: 'Taken-over-1' },
          { cookie: adminCookie },
        )
      ).json.msg,
    ).toBe('The current password is wrong.');
    expect(await storedPassword('acme', 'acme-admin')).toBe(before);
    const globalBefore = await storedPassword('built-in', 'admin');
    const globalCookie = await signInAsAdmin(t);
    expect(
      (
        await setPassword(
          { userOwner: 'built-in', userName: 'admin', newPassword: 'Taken-over-1' },
          { cookie: globalCookie },
        )
      ).json.msg,
    ).toBe('The parameter "oldPassword" is required.');
    expect(await storedPassword('built-in', 'admin')).toBe(globalBefore);
    expect(await canSignIn('built-in', 'admin', TEST_ADMIN_PASSWORD)).toBe(true);
  });

  test('a code that was never sent and verified for the account does not set its password; nothing changes', async () => {
    await addUser(t, 'acme', 'kim', 'Old-password-1', { email: 'kim@example.com' });
    const before = await storedPassword('acme', 'kim');
    const response = await setPassword({
      userOwner: 'acme',
      userName: 'kim',
      code: '123456',
      newPassword: 'New-password-2',
    });
    expect(response.json).toMatchObject({
      status: 'error',
      msg: 'The verification code is wrong, has expired or was tried too many times. Ask for a new code.',
    });
    expect(await storedPassword('acme', 'kim')).toBe(before);
  });
});

describe('POST /api/check-user-password', () => {
  test('the user or an administrator checks a password; lockout and the one error apply', async () => {
    await addUser(t, 'acme', 'jack', 'Jack-password-1');
    const app = { authorization: basic(acmeApp.clientId, acmeApp.plainClientSecret) };
    const check = (password: string, headers: Record<string, string>, name = 'jack') =>
      t.request('/api/check-user-password', { body: { owner: 'acme', name, password }, headers });
    expect((await check('Jack-password-1', app)).json).toEqual({ status: 'ok', msg: '', data: null, data2: null });
    expect((await check('wrong', app)).json.msg).toBe('The username or password is wrong.');
    expect((await check('wrong', app, 'nobody')).json.msg).toBe('The username or password is wrong.');
    const self = await signIn(t, 'acme', 'jack', 'Jack-password-1');
    expect((await check('Jack-password-1', { cookie: self })).json.status).toBe('ok');
    expect(
      (await check('Jack-password-1', { authorization: basic(betaApp.clientId, betaApp.plainClientSecret) })).json.msg,
    ).toBe('You are not allowed to do this.');
    expect((await check('Jack-password-1', {})).json.msg).toBe('Please sign in first.');
  });
});

describe('user access keys', () => {
  test('a user creates, sees, uses and deletes their access key', async () => {
    await addUser(t, 'acme', 'kate', 'Kate-password-1', { bio: 'original' });
    const cookie = await signIn(t, 'acme', 'kate', 'Kate-password-1');
    // Only the keys are written, whatever else the body says.
    const added = await t.request('/api/add-user-keys', {
      body: { owner: 'acme', name: 'kate', isAdmin: true, bio: 'changed' },
      headers: { cookie },
    });
    expect(added.json).toEqual({ status: 'ok', msg: '', data: true, data2: null });
    const stored = (await findUser(t.context.db, 'acme', 'kate'))!;
    expect(stored.isAdmin).toBe(false);
    expect(stored.bio).toBe('original');
    expect(t.context.secrets.isSealed(stored.accessSecret)).toBe(true);

    const account = (await t.request('/api/get-account', { headers: { cookie } })).json.data;
    expect(account.accessKey).toBe(stored.accessKey);
    expect(account.accessSecret).toBe(t.context.secrets.open(stored.accessSecret));
    const viaKey = await t.request(
      `/api/get-account?accessKey=${account.accessKey}&accessSecret=${account.accessSecret}`,
    );
    expect(viaKey.json.name).toBe('kate');

    expect(
      (await t.request('/api/delete-user-keys', { body: { owner: 'acme', name: 'kate' }, headers: { cookie } })).json
        .data,
    ).toBe(true);
    expect(
      (await t.request(`/api/get-account?accessKey=${account.accessKey}&accessSecret=${account.accessSecret}`)).json
        .msg,
    ).toBe('The access key or access secret is wrong.');
  });

  test('a new pair replaces the old one', async () => {
    await addUser(t, 'acme', 'liam', 'Liam-password-1');
    const app = { authorization: basic(acmeApp.clientId, acmeApp.plainClientSecret) };
    await t.request('/api/add-user-keys', { body: { owner: 'acme', name: 'liam' }, headers: app });
    const first = (await findUser(t.context.db, 'acme', 'liam'))!;
    await t.request('/api/add-user-keys', { body: { owner: 'acme', name: 'liam' }, headers: app });
    const second = (await findUser(t.context.db, 'acme', 'liam'))!;
    expect(second.accessKey).not.toBe(first.accessKey);
    const oldSecret = t.context.secrets.open(first.accessSecret);
    expect(
      (await t.request(`/api/get-account?accessKey=${first.accessKey}&accessSecret=${oldSecret}`)).json.status,
    ).toBe('error');
  });

  test('the id query is authoritative, and only the user and administrators of its organization may', async () => {
    await addUser(t, 'acme', 'mia', 'Mia-password-1');
    await addUser(t, 'beta', 'ned', 'Ned-password-1');
    const mia = await signIn(t, 'acme', 'mia', 'Mia-password-1');
    // The body names mia, the id names ned of beta: the id decides, and mia may not touch ned.
    const spoofed = await t.request('/api/add-user-keys?id=beta/ned', {
      body: { owner: 'acme', name: 'mia' },
      headers: { cookie: mia },
    });
    expect(spoofed.json.msg).toBe('You are not allowed to do this.');
    expect((await findUser(t.context.db, 'beta', 'ned'))!.accessKey).toBe('');
    expect((await findUser(t.context.db, 'acme', 'mia'))!.accessKey).toBe('');
    const acmeAdmin = await signIn(t, 'acme', 'acme-admin', 'Admin-password-1');
    expect(
      (await t.request('/api/add-user-keys?id=beta/ned', { body: {}, headers: { cookie: acmeAdmin } })).json.msg,
    ).toBe('You are not allowed to do this.');
    expect((await t.request('/api/add-user-keys?id=beta', { body: {}, headers: { cookie: acmeAdmin } })).json.msg).toBe(
      'The id "beta" must have the form owner/name.',
    );
    expect(
      (await t.request('/api/add-user-keys?id=a/b/c', { body: {}, headers: { cookie: acmeAdmin } })).json.msg,
    ).toBe('The id "a/b/c" must have the form owner/name.');
    const global = await signInAsAdmin(t);
    expect(
      (await t.request('/api/add-user-keys?id=beta/ned', { body: {}, headers: { cookie: global } })).json.data,
    ).toBe(true);
    expect((await findUser(t.context.db, 'beta', 'ned'))!.accessKey).not.toBe('');
  });
});

describe('POST /api/signup', () => {
  beforeAll(async () => {
    await addApplication(t, 'open-app', 'acme', { enableSignUp: true });
  });
  const signup = (body: Record<string, unknown>, language = 'en') =>
    t.request('/api/signup', { body: { application: 'open-app', ...body }, headers: { 'accept-language': language } });

  test('creates a normal user of the application organization and signs them in', async () => {
    const response = await signup({
      username: 'newbie',
      password: 'Newbie-pass-1',
      name: 'New Bie',
      email: 'NewBie@Example.com',
      isAdmin: true,
      owner: 'built-in',
    });
    expect(response.json).toEqual({ status: 'ok', msg: '', data: 'acme/newbie', data2: null });
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const account = (await t.request('/api/get-account', { headers: { cookie } })).json;
    expect(account).toMatchObject({ status: 'ok', name: 'newbie' });
    expect(account.data).toMatchObject({
      owner: 'acme',
      isAdmin: false,
      displayName: 'New Bie',
      email: 'newbie@example.com',
      signupApplication: 'open-app',
      type: 'normal-user',
      password: '***',
    });
    expect(await canSignIn('acme', 'newbie', 'Newbie-pass-1')).toBe(true);
    expect(await findUser(t.context.db, 'built-in', 'newbie')).toBeUndefined();
  });

  test('email and phone are stored unverified', async () => {
    const response = await signup({
      username: 'unverified',
      password: 'Unverified-1',
      email: 'unverified@example.com',
      phone: '5551234567',
      emailVerified: true,
    });
    expect(response.json.status).toBe('ok');
    const user = (await findUser(t.context.db, 'acme', 'unverified'))!;
    expect(user.email).toBe('unverified@example.com');
    expect(user.emailVerified).toBe(false);
  });

  test('refuses what Casdoor refuses, in the caller language, and creates nothing', async () => {
    const count = () => countStoredRows(t.context.db, 'user', { owner: 'acme' });
    const before = await count();
    expect((await signup({ username: 'newbie', password: 'Another-pass-1' })).json.msg).toBe(
      'This username is already taken.',
    );
    expect(
      (await signup({ username: 'other', password: 'Another-pass-1', email: 'newbie@example.com' })).json.msg,
    ).toBe('This email address is already in use.');
    expect((await signup({ username: '1abc', password: 'Another-pass-1' })).json.msg).toBe(
      'The username cannot start with a digit.',
    );
    expect((await signup({ username: 'a', password: 'Another-pass-1' })).json.msg).toBe(
      'The username must have at least 2 characters.',
    );
    expect((await signup({ username: 'bad name', password: 'Another-pass-1' })).json.msg).toBe(
      'The username may only contain letters, digits and single hyphens, underscores or dots between them.',
    );
    expect((await signup({ username: 'x@y.io', password: 'Another-pass-1' })).json.msg).toBe(
      'The username cannot be an email address.',
    );
    expect((await signup({ username: 'weak', password: 'weak' })).json.msg).toBe(
      'The password must have at least 8 characters.',
    );
    expect((await signup({ username: 'fine', password: 'Another-pass-1', email: 'not-an-email' })).json.msg).toBe(
      'The email address is not valid.',
    );
    expect((await signup({ username: 'fine', password: 'Another-pass-1', organization: 'beta' })).json.msg).toBe(
      'This application does not sign users up into the organization "beta".',
    );
    expect((await signup({ application: 'acme-app', username: 'fine', password: 'Another-pass-1' })).json.msg).toBe(
      'This application does not allow signing up.',
    );
    expect((await signup({ application: 'ghost', username: 'fine', password: 'Another-pass-1' })).json.msg).toBe(
      'The application "ghost" does not exist.',
    );
    expect((await signup({ username: 'newbie', password: 'Another-pass-1' }, 'zh')).json.msg).toBe(
      '该用户名已被占用。',
    );
    expect(await count()).toBe(before);
  });
});

describe('sign-in leaves no stale session behind', () => {
  test('signing in again ends the session the browser presented', async () => {
    await addUser(t, 'acme', 'olga', 'Olga-password-1');
    const first = await signIn(t, 'acme', 'olga', 'Olga-password-1');
    const again = await t.request('/api/login', {
      body: { organization: 'acme', username: 'olga', password: 'Olga-password-1', type: 'login' },
      headers: { cookie: first },
    });
    expect(again.json.status).toBe('ok');
    expect((await t.request('/api/get-account', { headers: { cookie: first } })).json.data).toBe('Please login first');
    const second = again.headers.get('set-cookie')!.split(';')[0]!;
    expect((await t.request('/api/get-account', { headers: { cookie: second } })).json.name).toBe('olga');
  });

  test('the built-in administrator signs in', async () => {
    expect(await canSignIn('built-in', 'admin', TEST_ADMIN_PASSWORD)).toBe(true);
  });
});
