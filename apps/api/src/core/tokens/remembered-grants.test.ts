import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ChangeFeed, changeFeedOf, createDb } from '@latchkey/db';
import { testPostgresUrl } from '@latchkey/db/testing';
import type { Role } from '@latchkey/types';
import { seedAcme, type TestClient, tokensFor } from '../../features/oauth/testing/flows.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { timedUntil, until } from '../../test/until.ts';
import { formatTime } from '../context.ts';
import { GrantsMemory, grantsMemoryOf, type StandingGrants } from './remembered-grants.ts';
import { grantsOf } from './user-grants.ts';

/**
 * A user's roles and permissions, as UserInfo answers them, come from memory until a role,
 * permission, group or user changes (here or on another server); expiry is judged on every answer.
 */
let t: TestApp;
let client: TestClient;
let root: Caller;
let accessToken: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
  root = await globalAdmin(t);
  ({ access_token: accessToken } = (await tokensFor(t, client)).tokens);
  grantsMemoryOf(t.context);
  await until(async () => changeFeedOf(t.context.db)!.trustworthy, 'the server never listened for changes');
});
afterAll(() => t.dispose());

const hits = () => grantsMemoryOf(t.context)!.hits;
/** Lets the notifications of earlier writes arrive (Postgres), so that they do not empty the memory mid-test. */
const settled = () => changeFeedOf(t.context.db)!.settled();
const admin = async (path: string, body: Record<string, unknown>) =>
  expect((await call(t, root, path, { owner: 'acme', ...body })).data).toBe('Affected');

/** Alice's roles and permissions by name, as UserInfo answers them. */
async function held(): Promise<{ roles: string[]; permissions: string[] }> {
  const answer = await t.request('/api/userinfo', { headers: { authorization: `Bearer ${accessToken}` } });
  expect(answer.status).toBe(200);
  const { roles = [], permissions = [] } = answer.json as { roles?: string[]; permissions?: string[] };
  return { roles: [...roles].sort(), permissions: [...permissions].sort() };
}

/** Positive control: asked twice, the second answer comes from memory and is the same. */
async function heldFromMemory(): Promise<{ roles: string[]; permissions: string[] }> {
  await settled();
  const first = await held();
  const before = hits();
  const second = await held();
  expect(hits()).toBe(before + 1);
  expect(second).toEqual(first);
  return second;
}

describe("UserInfo's roles and permissions follow every change at once", () => {
  test('a role added, changed, renamed and deleted', async () => {
    expect((await heldFromMemory()).roles).toEqual([]);
    await admin('/api/add-role', { name: 'reader', users: ['acme/alice'], isEnabled: true });
    expect((await held()).roles).toEqual(['reader']);

    expect((await heldFromMemory()).roles).toEqual(['reader']);
    await admin('/api/update-role?id=acme/reader&columns=isEnabled', { isEnabled: false });
    expect((await held()).roles).toEqual([]);
    await admin('/api/update-role?id=acme/reader&columns=isEnabled', { isEnabled: true });
    expect((await held()).roles).toEqual(['reader']);

    expect((await heldFromMemory()).roles).toEqual(['reader']);
    const { data: role } = await call(t, root, '/api/get-role?id=acme/reader');
    await admin('/api/update-role?id=acme/reader', { ...(role as Role), name: 'writer' });
    expect((await held()).roles).toEqual(['writer']);

    expect((await heldFromMemory()).roles).toEqual(['writer']);
    await admin('/api/delete-role', { name: 'writer' });
    expect((await held()).roles).toEqual([]);
  });

  test('a permission added, changed and deleted', async () => {
    expect((await heldFromMemory()).permissions).toEqual([]);
    const permission = { resources: ['docs'], actions: ['read'], isEnabled: true };
    await admin('/api/add-permission', { name: 'read-docs', users: ['acme/alice'], ...permission });
    expect((await held()).permissions).toEqual(['read-docs']);

    expect((await heldFromMemory()).permissions).toEqual(['read-docs']);
    await admin('/api/update-permission?id=acme/read-docs&columns=users', { users: [] });
    expect((await held()).permissions).toEqual([]);

    expect((await heldFromMemory()).permissions).toEqual([]);
    await admin('/api/update-permission?id=acme/read-docs&columns=users', { users: ['acme/*'] });
    expect((await held()).permissions).toEqual(['read-docs']);

    expect((await heldFromMemory()).permissions).toEqual(['read-docs']);
    await admin('/api/delete-permission', { name: 'read-docs' });
    expect((await held()).permissions).toEqual([]);
  });

  test("a user's groups, and a group renamed and deleted", async () => {
    await admin('/api/add-group', { name: 'crew' });
    await admin('/api/add-role', { name: 'crew-role', groups: ['acme/crew'], isEnabled: true });
    const joinGroups = (groups: string[]) =>
      admin('/api/update-user?id=acme/alice&columns=groups', { name: 'alice', groups });

    expect((await heldFromMemory()).roles).toEqual([]);
    await joinGroups(['acme/crew']);
    expect((await held()).roles).toEqual(['crew-role']);

    // A renamed group is renamed in its members and roles: the memory is emptied, the role still held.
    expect((await heldFromMemory()).roles).toEqual(['crew-role']);
    const { data: group } = await call(t, root, '/api/get-group?id=acme/crew');
    await admin('/api/update-group?id=acme/crew', { ...(group as Record<string, unknown>), name: 'team' });
    const before = hits();
    expect((await held()).roles).toEqual(['crew-role']);
    expect(hits()).toBe(before);

    expect((await heldFromMemory()).roles).toEqual(['crew-role']);
    await joinGroups([]);
    expect((await held()).roles).toEqual([]);

    expect((await heldFromMemory()).roles).toEqual([]);
    await admin('/api/delete-group', { name: 'team' });
    const beforeDelete = hits();
    expect((await held()).roles).toEqual([]);
    expect(hits()).toBe(beforeDelete);
    await admin('/api/delete-role', { name: 'crew-role' });
  });

  test('a permission that expires stops being reported on time, with no write', async () => {
    const expireTime = formatTime(new Date(t.clock.now().getTime() + 60_000));
    await admin('/api/add-permission', {
      name: 'for-a-minute',
      users: ['acme/alice'],
      resources: ['docs'],
      actions: ['read'],
      isEnabled: true,
      expireTime,
    });
    expect((await heldFromMemory()).permissions).toEqual(['for-a-minute']);
    t.clock.advance(120_000);
    try {
      const before = hits();
      expect((await held()).permissions).toEqual([]);
      expect(hits()).toBe(before + 1);
    } finally {
      t.clock.advance(-120_000);
    }
    expect((await held()).permissions).toEqual(['for-a-minute']);
    await admin('/api/delete-permission', { name: 'for-a-minute' });
  });
});

describe('the memory itself', () => {
  const none: StandingGrants = { roles: [], permissions: [] };

  test('a computation that began before a change is not remembered; only policy and user changes empty it', async () => {
    const feed = new ChangeFeed();
    const memory = new GrantsMemory(feed);
    let computed = 0;
    const compute = async () => {
      computed++;
      return none;
    };
    const grants = async (key: string) => memory.get(key) ?? (await memory.fill(key, compute));
    await memory.fill('alice', async () => {
      feed.tell('permission');
      return compute();
    });
    expect(memory.size).toBe(0);
    // Positive control: one that began after it is remembered.
    await grants('alice');
    await grants('alice');
    expect({ computed, hits: memory.hits }).toEqual({ computed: 2, hits: 1 });
    for (const table of ['token', 'application', 'cert', 'organization'] as const) feed.tell(table);
    expect(memory.size).toBe(1);
    for (const table of ['role', 'permission', 'group', 'user', '*'] as const) {
      await grants('alice');
      expect(memory.size).toBe(1);
      feed.tell(table);
      expect(memory.size).toBe(0);
    }
  });
});

describe.skipIf(testPostgresUrl === undefined)('Postgres: two servers on one database', () => {
  test('a role added on one server is held at once on the other, which had the grants in memory', async () => {
    const other = createDb({ dialect: 'postgres', url: testPostgresUrl!, schema: t.testDb.schema, poolSize: 2 });
    try {
      const otherNode = { ...t.context, db: other.db };
      const memory = grantsMemoryOf(otherNode)!;
      const alice = { owner: 'acme', name: 'alice', groups: [] };
      const roles = async () => (await grantsOf(otherNode, alice)).roles.map((role) => role.name);
      // Positive control: the other server answers from memory (once it listens for changes, and once
      // the notifications of the first server's earlier writes have arrived).
      await until(async () => {
        const before = memory.hits;
        const answers = [await roles(), await roles()];
        return answers.every((answer) => answer.length === 0) && memory.hits > before;
      }, 'the other server never answered from memory');

      await admin('/api/add-role', { name: 'remote', users: ['acme/alice'], isEnabled: true });
      const took = await timedUntil(
        async () => (await roles()).includes('remote'),
        'the other server never saw the new role',
      );
      console.info(`a new role reached the other server in ${took.toFixed(1)} ms`);
      await admin('/api/delete-role', { name: 'remote' });
      await until(async () => (await roles()).length === 0, 'the other server never saw the role deleted');
    } finally {
      await other.close();
    }
  });
});
