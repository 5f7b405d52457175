import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type SdkWorld, startSdkWorld } from '../support/sdk.ts';

/** casdoor-nodejs-sdk's user calls against a real Latchkey, as the SDK makes them. */
let world: SdkWorld;
beforeAll(async () => {
  world = await startSdkWorld();
});
afterAll(() => world?.dispose());

describe('casdoor-nodejs-sdk: users', () => {
  test('addUser, getUser, getUsers, getUserCount(false)', async () => {
    const { sdk } = world;
    const added = await sdk.addUser({
      owner: 'sdk-org',
      name: 'alice',
      createdTime: '',
      displayName: 'Alice',
      email: 'alice@example.com',
      password: 'alice-password',
      isAdmin: false,
    });
    expect(added.data).toMatchObject({ status: 'ok', data: 'Affected' });
    await sdk.addUser({ owner: 'sdk-org', name: 'bob', createdTime: '', displayName: 'Bob' });

    const alice = (await sdk.getUser('alice')).data.data;
    expect(alice).toMatchObject({
      owner: 'sdk-org',
      name: 'alice',
      displayName: 'Alice',
      email: 'alice@example.com',
      password: '***',
    });
    expect(alice.id).toMatch(/^[0-9a-f-]{36}$/);

    const users = (await sdk.getUsers()).data.data;
    expect(users.map((user) => user.name).sort()).toEqual(['alice', 'bob']);
    expect(users.every((user) => user.password !== 'alice-password')).toBe(true);

    const count = await sdk.getUserCount(false);
    expect((count.data as unknown as { status: string; data: number }).data).toBe(2);
    const online = await sdk.getUserCount(true);
    expect((online.data as unknown as { data: number }).data).toBe(0);
  });

  test('updateUser sends the whole user; deleteUser removes it', async () => {
    const { sdk } = world;
    const alice = (await sdk.getUser('alice')).data.data;
    const updated = await sdk.updateUser({ ...alice, displayName: 'Alice A.', bio: 'writes code' });
    expect(updated.data).toMatchObject({ status: 'ok', data: 'Affected' });
    expect((await sdk.getUser('alice')).data.data).toMatchObject({
      displayName: 'Alice A.',
      bio: 'writes code',
      password: '***',
    });

    const bob = (await sdk.getUser('bob')).data.data;
    expect((await sdk.deleteUser(bob)).data).toMatchObject({ status: 'ok', data: 'Affected' });
    expect((await sdk.getUser('bob')).data.data).toBeNull();
  });

  test('the application administers its own organization only', async () => {
    const { sdk } = world;
    const foreign = await sdk.updateUser({
      owner: 'built-in',
      name: 'admin',
      createdTime: '',
      isAdmin: false,
    } as never);
    // The SDK rewrites owner to its organization, so this names sdk-org/admin, which does not exist.
    expect(foreign.data).toMatchObject({ status: 'ok', data: 'Unaffected' });
    const direct = await fetch(`${world.server.url}/api/get-users?owner=built-in`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${world.application.clientId}:${world.application.clientSecret}`).toString('base64')}`,
      },
    });
    expect((await direct.json()).status).toBe('error');
  });

  test('setPassword, and the new password signs in', async () => {
    const { sdk } = world;
    const answer = await sdk.setPassword({
      owner: 'sdk-org',
      name: 'alice',
      oldPassword: 'alice-password',
      newPassword: 'alice-new-password',
    });
    expect(answer.data).toMatchObject({ status: 'ok' });
    const signIn = await fetch(`${world.server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        application: 'sdk-org-app',
        organization: 'sdk-org',
        username: 'alice',
        password: 'alice-new-password',
        type: 'login',
      }),
    });
    expect((await signIn.json()).status).toBe('ok');
  });
});
