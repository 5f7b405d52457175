import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { signIn, tokenFor } from '../../test/fixtures.ts';

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
beforeAll(async () => ({ t, root, org: acme } = await startObjectTest()));
afterAll(() => t.dispose());

const stored = (name: string, owner = 'acme') => findUser(t.context.db, owner, name);

describe('add-user', () => {
  test('hashes the password with argon2id, fills defaults, and never shows the password', async () => {
    expect(
      await call(t, acme.admin, '/api/add-user', {
        owner: 'acme',
        name: 'carol',
        password: 'carol-password',
        email: 'carol@example.com',
        id: 'carol-uuid',
      }),
    ).toMatchObject({
      status: 'ok',
      data: 'Affected',
    });
    const row = (await stored('carol'))!;
    expect(row.password).toStartWith('$argon2id$');
    expect(row.passwordType).toBe('argon2id');
    expect(row.id).toBe('carol-uuid');
    expect(row.type).toBe('normal-user');
    expect(row.registerSource).toBe('acme/acme-admin');
    const { data } = await call(t, acme.admin, '/api/get-user?id=acme/carol');
    expect(data.password).toBe('***');
    expect(data.passwordSalt).toBe('');
    expect(await signIn(t, 'acme', 'carol', 'carol-password', 'acme-app')).toStartWith('casdoor_session_id=');
  });

  test('refuses a taken name, a forbidden name, a bad email and groups of another organization', async () => {
    expect((await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'carol' })).msg).toBe(
      '"acme/carol" already exists.',
    );
    expect((await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'a/b' })).msg).toBe(
      'The name may not contain any of these characters: / ? : # & % = + ;',
    );
    expect(
      (await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'dave', email: 'not-an-email' })).status,
    ).toBe('error');
    expect(
      (await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'dave', groups: ['built-in/staff'] })).msg,
    ).toBe('The group "built-in/staff" does not exist in this organization.');
    expect(await stored('dave')).toBeUndefined();
  });

  test('into an organization that does not exist is refused', async () => {
    expect(await call(t, root, '/api/add-user', { owner: 'nowhere', name: 'x' })).toMatchObject({
      status: 'error',
      msg: 'The organization "nowhere" does not exist.',
    });
  });
});

describe('get-users, get-user-count, get-user', () => {
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      t.clock.advance(1000);
      await call(t, acme.admin, '/api/add-user', {
        owner: 'acme',
        name: `member-${String(i).padStart(2, '0')}`,
        tag: i % 3 === 0 ? 'team-red' : 'team-blue',
        score: i,
      });
    }
  });

  test('pages carry the total in data2; without p and pageSize every user comes back and data2 is null', async () => {
    const all = await call(t, acme.admin, '/api/get-users?owner=acme');
    expect(all.data2).toBeNull();
    const page = await call(t, acme.admin, '/api/get-users?owner=acme&p=2&pageSize=5');
    expect(page.data).toHaveLength(5);
    expect(page.data2).toBe(all.data.length);
    expect(page.data.map((user: { name: string }) => user.name)).toEqual(
      all.data.slice(5, 10).map((user: { name: string }) => user.name),
    );
  });

  test('filter (case-insensitive contains) and sort, with the total of the filtered set', async () => {
    const red = await call(
      t,
      acme.admin,
      '/api/get-users?owner=acme&p=1&pageSize=2&field=tag&value=RED&sortField=name&sortOrder=ascend',
    );
    expect(red.data.map((user: { name: string }) => user.name)).toEqual(['member-00', 'member-03']);
    expect(red.data2).toBe(4);
    const byScore = await call(t, acme.admin, '/api/get-users?owner=acme&field=score&value=7');
    expect(byScore.data.map((user: { name: string }) => user.name)).toEqual(['member-07']);
  });

  test('a LIKE wildcard in the value matches only itself', async () => {
    expect((await call(t, acme.admin, '/api/get-users?owner=acme&field=name&value=%25')).data).toEqual([]);
    expect((await call(t, acme.admin, '/api/get-users?owner=acme&field=name&value=member_0')).data).toEqual([]);
  });

  test('get-user-count, also for online users (the SDK sends isOnline=false)', async () => {
    const total = (await call(t, acme.admin, '/api/get-users?owner=acme')).data.length;
    expect((await call(t, acme.app, '/api/get-user-count?owner=acme')).data).toBe(total);
    expect((await call(t, acme.app, '/api/get-user-count?owner=acme&isOnline=false')).data).toBe(total);
    expect((await call(t, acme.app, '/api/get-user-count?owner=acme&isOnline=true')).data).toBe(0);
    expect((await call(t, acme.app, '/api/get-user-count?owner=acme&isOnline=maybe')).status).toBe('error');
  });

  test('get-user by email, phone or UUID within the organization; null when absent', async () => {
    expect((await call(t, acme.app, '/api/get-user?owner=acme&email=carol@example.com')).data.name).toBe('carol');
    expect((await call(t, acme.app, '/api/get-user?owner=acme&userId=carol-uuid')).data.name).toBe('carol');
    expect((await call(t, acme.app, '/api/get-user?owner=acme&email=nobody@example.com')).data).toBeNull();
    expect((await call(t, acme.app, '/api/get-user?id=acme/nobody')).data).toBeNull();
  });
});

describe('access secrets', () => {
  test('get-user shows a user’s access secret to the user and the organization’s administrators; lists never do', async () => {
    expect(
      (await call(t, acme.admin, '/api/add-user-keys?id=acme/acme-user', { owner: 'acme', name: 'acme-user' })).status,
    ).toBe('ok');
    const secret = (await t.request('/api/get-account', { headers: acme.user.headers })).json.data
      .accessSecret as string;
    expect(secret.length).toBeGreaterThan(10);
    for (const caller of [acme.user, acme.admin, acme.app, root])
      expect((await call(t, caller, '/api/get-user?id=acme/acme-user')).data.accessSecret).toBe(secret);
    for (const path of [
      '/api/get-users?owner=acme',
      '/api/get-users?owner=acme&p=1&pageSize=100',
      '/api/get-global-users',
    ]) {
      const listed = (await call(t, root, path)).data.find((user: { name: string }) => user.name === 'acme-user');
      expect({ path, accessSecret: listed.accessSecret }).toEqual({ path, accessSecret: '***' });
    }
    // Sending the masked value back keeps the secret.
    const listed = (await call(t, acme.admin, '/api/get-users?owner=acme')).data.find(
      (user: { name: string }) => user.name === 'acme-user',
    );
    expect((await call(t, acme.admin, '/api/update-user?id=acme/acme-user', listed)).data).toBe('Unaffected');
    expect((await t.request('/api/get-account', { headers: acme.user.headers })).json.data.accessSecret).toBe(secret);
  });
});

describe('update-user', () => {
  test('the id query names the user; the body may rename them, and their sessions and tokens follow', async () => {
    await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'erin', password: 'erin-password' });
    const token = await tokenFor(t, 'acme-app', 'acme', 'erin');
    await call(t, acme.admin, '/api/add-role', { owner: 'acme', name: 'readers', users: ['acme/erin'] });
    const user = (await call(t, acme.admin, '/api/get-user?id=acme/erin')).data;
    expect(await call(t, acme.admin, '/api/update-user?id=acme/erin', { ...user, name: 'erin2' })).toMatchObject({
      status: 'ok',
      data: 'Affected',
    });
    expect(await stored('erin')).toBeUndefined();
    expect((await stored('erin2'))?.id).toBe(user.id);
    expect((await call(t, acme.admin, '/api/get-role?id=acme/readers')).data.users).toEqual(['acme/erin2']);
    const account = await t.request('/api/get-account', { headers: { authorization: `Bearer ${token}` } });
    expect(account.json.name).toBe('erin2');
  });

  test('the same object again is "Unaffected"; a password of "***" keeps the password', async () => {
    const user = (await call(t, acme.admin, '/api/get-user?id=acme/erin2')).data;
    const before = (await stored('erin2'))!.password;
    expect((await call(t, acme.admin, '/api/update-user?id=acme/erin2', user)).data).toBe('Unaffected');
    expect((await stored('erin2'))!.password).toBe(before);
  });

  test('a new password set by an admin is hashed', async () => {
    expect(
      (await call(t, acme.admin, '/api/update-user?id=acme/erin2&columns=password', { password: 'a-new-password' }))
        .data,
    ).toBe('Affected');
    const row = (await stored('erin2'))!;
    expect(row.password).toStartWith('$argon2id$');
    expect(row.password).not.toContain('a-new-password');
    expect(await signIn(t, 'acme', 'erin2', 'a-new-password', 'acme-app')).toStartWith('casdoor_session_id=');
  });

  test('a user edits their own profile, and cannot raise their rights by any field or columns= trick', async () => {
    const me = acme.user;
    const mine = (await call(t, me, '/api/get-user?id=acme/acme-user')).data;
    expect(
      (await call(t, me, '/api/update-user?id=acme/acme-user', { ...mine, displayName: 'Me', bio: 'hello' })).data,
    ).toBe('Affected');
    for (const [field, value] of [
      ['isAdmin', true],
      ['isForbidden', true],
      ['owner', 'built-in'],
      ['name', 'root'],
      ['tag', 'staff'],
      ['groups', ['acme/admins']],
      ['accessKey', 'my-key'],
      ['password', 'new-password'],
      ['email', 'me@evil.example'],
      ['score', 1000],
      ['type', 'paid-user'],
    ] as const) {
      expect(
        await call(t, me, '/api/update-user?id=acme/acme-user', {
          ...mine,
          displayName: 'Me',
          bio: 'hello',
          [field]: value,
        }),
      ).toMatchObject({ status: 'error' });
      expect(
        await call(t, me, `/api/update-user?id=acme/acme-user&columns=${field}`, { [field]: value }),
      ).toMatchObject({ status: 'error' });
    }
    expect((await call(t, me, '/api/update-user?columns=is_admin', { isAdmin: true })).status).toBe('error');
    const after = (await stored('acme-user'))!;
    expect({ isAdmin: after.isAdmin, owner: after.owner, tag: after.tag, displayName: after.displayName }).toEqual({
      isAdmin: false,
      owner: 'acme',
      tag: '',
      displayName: 'Me',
    });
    // Another user of the same organization is out of reach.
    expect((await call(t, me, '/api/update-user?id=acme/carol', { displayName: 'x' })).msg).toBe(
      'You are not allowed to do this.',
    );
    expect((await call(t, me, '/api/get-user?id=acme/carol')).msg).toBe('You are not allowed to do this.');
    expect((await call(t, me, '/api/get-users?owner=acme')).status).toBe('error');
  });

  test('a user cannot change their own phone or properties either, whole object or columns=', async () => {
    const me = acme.user;
    const mine = (await call(t, me, '/api/get-user?id=acme/acme-user')).data;
    const before = (await stored('acme-user'))!;
    for (const [field, value] of [
      ['phone', '5550001111'],
      ['properties', { plan: 'unlimited' }],
    ] as const) {
      expect(await call(t, me, '/api/update-user?id=acme/acme-user', { ...mine, [field]: value })).toMatchObject({
        status: 'error',
        msg: `You are not allowed to change the field "${field}".`,
      });
      expect(
        await call(t, me, `/api/update-user?id=acme/acme-user&columns=${field}`, { [field]: value }),
      ).toMatchObject({ status: 'error' });
    }
    const after = (await stored('acme-user'))!;
    expect({ phone: after.phone, properties: after.properties }).toEqual({
      phone: before.phone,
      properties: before.properties,
    });
  });

  test('by owner + userId, and with no id the caller themselves', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/update-user?owner=acme&userId=carol-uuid&columns=displayName', {
          displayName: 'Carol',
        })
      ).data,
    ).toBe('Affected');
    expect((await stored('carol'))!.displayName).toBe('Carol');
    expect((await call(t, acme.user, '/api/update-user?columns=bio', { bio: 'again' })).data).toBe('Affected');
    expect((await stored('acme-user'))!.bio).toBe('again');
  });

  test('forbidding a user ends their sessions and revokes their tokens', async () => {
    await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'frank', password: 'frank-password' });
    const cookie = await signIn(t, 'acme', 'frank', 'frank-password', 'acme-app');
    const token = await tokenFor(t, 'acme-app', 'acme', 'frank');
    expect(
      (await call(t, acme.admin, '/api/update-user?id=acme/frank&columns=isForbidden', { isForbidden: true })).data,
    ).toBe('Affected');
    expect((await t.request('/api/get-account', { headers: { cookie } })).json.status).toBe('error');
    expect((await t.request('/api/get-account', { headers: { authorization: `Bearer ${token}` } })).json.msg).toBe(
      'The access token has been revoked.',
    );
  });

  test('built-in/admin cannot be renamed, moved, forbidden or deleted', async () => {
    const admin = (await call(t, root, '/api/get-user?id=built-in/admin')).data;
    expect((await call(t, root, '/api/update-user?id=built-in/admin', { ...admin, name: 'root' })).msg).toBe(
      '"built-in/admin" is built in and cannot be deleted, renamed or moved.',
    );
    expect((await call(t, root, '/api/update-user?id=built-in/admin', { ...admin, owner: 'acme' })).status).toBe(
      'error',
    );
    expect(
      (await call(t, root, '/api/update-user?id=built-in/admin&columns=isForbidden', { isForbidden: true })).status,
    ).toBe('error');
    expect((await call(t, root, '/api/delete-user', { owner: 'built-in', name: 'admin' })).status).toBe('error');
    expect((await findUser(t.context.db, 'built-in', 'admin'))?.isForbidden).toBe(false);
  });
});

describe('delete-user', () => {
  test('deletes the user, their sessions and keys, and revokes their tokens; a missing user is Unaffected', async () => {
    await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'gina', password: 'gina-password' });
    const cookie = await signIn(t, 'acme', 'gina', 'gina-password', 'acme-app');
    expect(await call(t, acme.app, '/api/delete-user?id=acme/gina', { owner: 'acme', name: 'gina' })).toMatchObject({
      status: 'ok',
      data: 'Affected',
    });
    expect(await stored('gina')).toBeUndefined();
    expect((await t.request('/api/get-account', { headers: { cookie } })).json.status).toBe('error');
    expect((await call(t, acme.app, '/api/delete-user', { owner: 'acme', name: 'gina' })).data).toBe('Unaffected');
  });

  test('with soft deletion the user stays, marked deleted, and cannot sign in', async () => {
    await call(t, acme.admin, '/api/update-organization?id=admin/acme&columns=enableSoftDeletion', {
      enableSoftDeletion: true,
    });
    await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'hank', password: 'hank-password' });
    expect((await call(t, acme.admin, '/api/delete-user', { owner: 'acme', name: 'hank' })).data).toBe('Affected');
    const row = (await stored('hank'))!;
    expect(row.isDeleted).toBe(true);
    expect(row.deletedTime).not.toBe('');
    expect(signIn(t, 'acme', 'hank', 'hank-password', 'acme-app')).rejects.toThrow();
  });
});
