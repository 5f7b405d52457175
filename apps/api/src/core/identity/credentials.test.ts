import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { deleteUserRow, updateUserFields } from '@latchkey/db';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addKey, addOrganization, addUser, basic, tokenFor } from '../../test/fixtures.ts';

let t: TestApp;
let acmeApp: Awaited<ReturnType<typeof addApplication>>;

beforeAll(async () => {
  t = await createTestApp();
  await addOrganization(t, 'acme');
  await addOrganization(t, 'beta');
  await addUser(t, 'acme', 'alice', 'alice-password');
  await addUser(t, 'beta', 'bob', 'bob-password');
  acmeApp = await addApplication(t, 'acme-app', 'acme');
});
afterAll(() => t.dispose());

const account = (query: string, headers: Record<string, string> = {}) =>
  t.request(`/api/get-account${query}`, { headers });
const withKey = (key: { accessKey: string; accessSecret: string }, path = '/api/get-account') =>
  t.request(
    `${path}?accessKey=${encodeURIComponent(key.accessKey)}&accessSecret=${encodeURIComponent(key.accessSecret)}`,
  );

describe('access-key objects', () => {
  test('a user key signs in as that user; a wrong secret, an unknown key, an inactive or expired key are refused', async () => {
    const key = await addKey(t, 'alice-key', { organization: 'acme', user: 'alice' });
    expect((await withKey(key)).json.name).toBe('alice');
    expect((await withKey({ ...key, accessSecret: 'wrong' })).json.msg).toBe(
      'The access key or access secret is wrong.',
    );
    expect((await withKey({ accessKey: 'unknown', accessSecret: key.accessSecret })).json.msg).toBe(
      'The access key or access secret is wrong.',
    );
    const inactive = await addKey(t, 'alice-inactive', { organization: 'acme', user: 'alice', state: 'Inactive' });
    expect((await withKey(inactive)).json.msg).toBe('The access key or access secret is wrong.');
    const expired = await addKey(t, 'alice-expired', {
      organization: 'acme',
      user: 'alice',
      expireTime: new Date(t.clock.now().getTime() - 1000).toISOString(),
    });
    expect((await withKey(expired)).json.msg).toBe('The access key or access secret is wrong.');
    const future = await addKey(t, 'alice-future', {
      organization: 'acme',
      user: 'alice',
      expireTime: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
    });
    expect((await withKey(future)).json.name).toBe('alice');
    const garbage = await addKey(t, 'alice-garbage', { organization: 'acme', user: 'alice', expireTime: 'someday' });
    expect((await withKey(garbage)).json.msg).toBe('The access key or access secret is wrong.');
  });

  test('a key stays inside its organization: a user of another organization with that name is not found', async () => {
    const forged = await addKey(t, 'forged', { organization: 'acme', user: 'bob' });
    expect((await withKey(forged)).json.msg).toBe('The access key or access secret is wrong.');
    const crossApp = await addKey(t, 'cross-app', { organization: 'beta', application: 'acme-app' });
    // An application of acme named in a key of beta stands for nobody.
    const body = new URLSearchParams({ userOwner: 'acme', userName: 'alice', newPassword: 'cross-app-password' });
    const response = await t.request(
      `/api/set-password?accessKey=${crossApp.accessKey}&accessSecret=${crossApp.accessSecret}`,
      { method: 'POST', body },
    );
    expect(response.json.msg).toBe('The access key or access secret is wrong.');
  });

  test('an application key acts as the application (an administrator of its organization, not a user)', async () => {
    const key = await addKey(t, 'app-key', { organization: 'acme', application: 'acme-app' });
    expect((await withKey(key)).json.msg).toBe('You are not allowed to do this.');
    const body = new URLSearchParams({ userOwner: 'acme', userName: 'alice', newPassword: 'set-by-app-key' });
    const changed = await t.request(`/api/set-password?accessKey=${key.accessKey}&accessSecret=${key.accessSecret}`, {
      method: 'POST',
      body,
    });
    expect(changed.json.status).toBe('ok');
    const other = new URLSearchParams({ userOwner: 'beta', userName: 'bob', newPassword: 'set-by-app-key' });
    expect(
      (
        await t.request(`/api/set-password?accessKey=${key.accessKey}&accessSecret=${key.accessSecret}`, {
          method: 'POST',
          body: other,
        })
      ).json.msg,
    ).toBe('You are not allowed to do this.');
  });

  test('a key of a disabled user is refused', async () => {
    await addUser(t, 'acme', 'zed', 'zed-password', { isForbidden: true });
    const key = await addKey(t, 'zed-key', { organization: 'acme', user: 'zed' });
    expect((await withKey(key)).json.msg).toBe('This account is disabled.');
  });

  test('two users holding the same key value each sign in only with their own secret', async () => {
    await updateUserFields(t.context.db, 'acme', 'alice', {
      accessKey: 'shared',
      accessSecret: t.context.secrets.seal('alice-secret'),
    });
    await updateUserFields(t.context.db, 'beta', 'bob', {
      accessKey: 'shared',
      accessSecret: t.context.secrets.seal('bob-secret'),
    });
    expect((await withKey({ accessKey: 'shared', accessSecret: 'alice-secret' })).json.name).toBe('alice');
    expect((await withKey({ accessKey: 'shared', accessSecret: 'bob-secret' })).json.name).toBe('bob');
    expect((await withKey({ accessKey: 'shared', accessSecret: 'nobody' })).json.msg).toBe(
      'The access key or access secret is wrong.',
    );
  });
});

describe('tokens and client credentials', () => {
  test('a token of a deleted user does not carry over to a new user of the same name', async () => {
    await addUser(t, 'acme', 'reborn', 'first-password');
    const token = await tokenFor(t, 'acme-app', 'acme', 'reborn');
    expect((await account('', { authorization: `Bearer ${token}` })).json.name).toBe('reborn');
    await deleteUserRow(t.context.db, 'acme', 'reborn');
    await addUser(t, 'acme', 'reborn', 'second-password');
    expect((await account('', { authorization: `Bearer ${token}` })).json.msg).toBe('The access token is not valid.');
  });

  test('an unknown client id is refused like a wrong secret', async () => {
    expect((await account('', { authorization: basic('no-such-client', acmeApp.plainClientSecret) })).json.msg).toBe(
      'The client ID or client secret is wrong.',
    );
    expect((await account(`?clientId=no-such-client&clientSecret=${acmeApp.plainClientSecret}`)).json.msg).toBe(
      'The client ID or client secret is wrong.',
    );
  });

  test('the access token wins over every other credential, in Casdoor order', async () => {
    const token = await tokenFor(t, 'acme-app', 'acme', 'alice');
    const response = await account(`?access_token=${token}&username=beta/bob&password=bob-password`, {
      authorization: basic(acmeApp.clientId, 'wrong'),
    });
    expect(response.json.name).toBe('alice');
  });

  test('username and password are ignored when a grant_type is given (the token endpoint form)', async () => {
    expect((await account('?username=acme/alice&password=alice-password&grant_type=password')).json.data).toBe(
      'Please login first',
    );
  });
});

describe('errors in the caller language', () => {
  test.each([
    ['de', 'Das Zugriffstoken ist ungültig.'],
    ['zh-CN', '访问令牌无效。'],
    ['fr', "Le jeton d'accès n'est pas valide."],
    ['ko', '액세스 토큰이 유효하지 않습니다.'],
  ])('%s', async (language, message) => {
    const response = await account('', { authorization: 'Bearer forged', 'accept-language': language });
    expect(response.json).toMatchObject({ status: 'error', msg: message });
  });

  test('an unknown language falls back to English', async () => {
    expect((await account('', { authorization: 'Bearer forged', 'accept-language': 'xx' })).json.msg).toBe(
      'The access token is not valid.',
    );
  });
});
