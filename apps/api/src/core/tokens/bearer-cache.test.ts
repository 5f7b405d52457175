import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ChangeFeed, changeFeedOf, createDb } from '@latchkey/db';
import { testPostgresUrl } from '@latchkey/db/testing';
import type { User } from '@latchkey/types';
import { postForm, seedAcme, type TestClient, tokensFor } from '../../features/oauth/testing/flows.ts';
import { type Caller, call, globalAdmin } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { timedUntil, until } from '../../test/until.ts';
import { identityFromAccessToken } from '../identity/credentials/access-token.ts';
import { rememberedUserOf } from '../identity/identity.ts';
import { checkAccessToken, checkAccessTokenShared } from './access-token.ts';
import { BearerCache, bearerCacheOf, type CheckedBearer } from './bearer-cache.ts';

let t: TestApp;
let client: TestClient;
let root: Caller;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t));
  root = await globalAdmin(t);
  // The memory starts with the first token checked; on Postgres it fills once it listens for changes.
  bearerCacheOf(t.context);
  await until(async () => changeFeedOf(t.context.db)!.trustworthy, 'the server never listened for changes');
});
afterAll(() => t.dispose());

const userinfo = (token: string) => t.request('/api/userinfo', { headers: { authorization: `Bearer ${token}` } });
const hits = () => bearerCacheOf(t.context)!.hits;
/** Lets the notifications of earlier writes arrive (Postgres), so that they do not empty the memory mid-test. */
const settled = () => changeFeedOf(t.context.db)!.settled();

describe('checked bearer tokens are remembered', () => {
  test('the second use of a token is answered from memory, with the same user', async () => {
    const { tokens } = await tokensFor(t, client);
    await settled();
    const before = hits();
    const first = await userinfo(tokens.access_token);
    expect(first.status).toBe(200);
    expect(hits()).toBe(before);
    const second = await userinfo(tokens.access_token);
    expect(second.json).toEqual(first.json);
    expect(hits()).toBe(before + 1);
  });

  test('a revocation counts at once', async () => {
    const { tokens } = await tokensFor(t, client);
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    expect((await postForm(t, '/api/login/oauth/revoke', { token: tokens.access_token }, client)).status).toBe(200);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
  });

  test('a blocked user is refused at once', async () => {
    const { tokens } = await tokensFor(t, client);
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    const block = (isForbidden: boolean) =>
      call(t, root, '/api/update-user?id=acme/alice&columns=isForbidden', {
        owner: 'acme',
        name: 'alice',
        isForbidden,
      });
    try {
      expect((await block(true)).data).toBe('Affected');
      expect((await userinfo(tokens.access_token)).status).toBe(401);
    } finally {
      expect((await block(false)).data).toBe('Affected');
    }
  });

  test('a changed user is answered as changed', async () => {
    const { tokens } = await tokensFor(t, client);
    expect((await userinfo(tokens.access_token)).json.name).toBe('Alice Liddell');
    const rename = (displayName: string) =>
      call(t, root, '/api/update-user?id=acme/alice&columns=displayName', {
        owner: 'acme',
        name: 'alice',
        displayName,
      });
    expect((await rename('Alice Pleasance')).data).toBe('Affected');
    expect((await userinfo(tokens.access_token)).json.name).toBe('Alice Pleasance');
    expect((await rename('Alice Liddell')).data).toBe('Affected');
  });

  test('expiry is judged on every use, also from memory', async () => {
    const { tokens } = await tokensFor(t, client);
    await settled();
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    const before = hits();
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    expect(hits()).toBe(before + 1);
    t.clock.advance((tokens.expires_in + 1) * 1000);
    try {
      const answer = await userinfo(tokens.access_token);
      expect(answer.status).toBe(401);
    } finally {
      t.clock.advance(-(tokens.expires_in + 1) * 1000);
    }
  });

  test('what a request is handed is a copy: changing it changes nothing for the next', async () => {
    const { tokens } = await tokensFor(t, client);
    const first = await checkAccessToken(t.context, tokens.access_token);
    const second = await checkAccessToken(t.context, tokens.access_token);
    if (!first.ok || !second.ok) throw new Error('the token was refused');
    second.user!.displayName = 'Someone Else';
    second.token.scope = 'everything';
    const third = await checkAccessToken(t.context, tokens.access_token);
    if (!third.ok) throw new Error('the token was refused');
    expect(third.user!.displayName).toBe('Alice Liddell');
    expect(third.token.scope).toBe(first.token.scope);
  });

  test('the first check of a token hands a reader what the memory keeps, frozen inside too', async () => {
    const { tokens } = await tokensFor(t, client);
    await settled();
    const before = hits();
    const first = await checkAccessTokenShared(t.context, tokens.access_token);
    if (!first.ok || !first.remembered) throw new Error('the token was refused');
    expect(hits()).toBe(before);
    const groups = [...first.user!.groups];
    expect(() => (first.user!.groups as string[]).push('acme/changed')).toThrow(TypeError);
    expect(() => (first.user!.address as string[]).push('changed')).toThrow(TypeError);
    const next = await checkAccessTokenShared(t.context, tokens.access_token);
    if (!next.ok) throw new Error('the token was refused');
    expect(hits()).toBe(before + 1);
    expect(next.user).toBe(first.user!);
    expect(next.user!.groups).toEqual(groups);
  });

  test('the remembered objects a reader is handed are frozen: an attempt to change them changes nothing', async () => {
    const { tokens } = await tokensFor(t, client);
    await settled();
    await checkAccessTokenShared(t.context, tokens.access_token);
    const shared = await checkAccessTokenShared(t.context, tokens.access_token);
    if (!shared.ok || !shared.remembered) throw new Error('the token was not remembered');
    const user = shared.user as User;
    expect(() => {
      user.displayName = 'Someone Else';
    }).toThrow(TypeError);
    expect(() => user.groups.push('acme/changed')).toThrow(TypeError);
    expect(() => {
      (shared.token as { scope: string }).scope = 'everything';
    }).toThrow(TypeError);
    expect(() => {
      (shared.claims as { sub: string }).sub = 'someone-else';
    }).toThrow(TypeError);
    const next = await checkAccessTokenShared(t.context, tokens.access_token);
    if (!next.ok) throw new Error('the token was refused');
    expect(next.user!.displayName).toBe('Alice Liddell');
    expect(next.token.scope).toBe(shared.token.scope);
  });

  test("a route changing its identity's user changes nothing for the next request; readers get the remembered user", async () => {
    const { tokens } = await tokensFor(t, client);
    await settled();
    await identityFromAccessToken(t.context, tokens.access_token);
    const first = await identityFromAccessToken(t.context, tokens.access_token);
    if (first.kind !== 'user') throw new Error('not a user');
    const remembered = rememberedUserOf(first)!;
    expect(Object.isFrozen(remembered)).toBe(true);
    expect(first.user).not.toBe(remembered);
    expect(first.user).toEqual(remembered as User);
    first.user.displayName = 'Someone Else';
    expect(first.user.displayName).toBe('Someone Else');
    expect(first.user).toBe(first.user);
    const next = await identityFromAccessToken(t.context, tokens.access_token);
    if (next.kind !== 'user') throw new Error('not a user');
    expect(next.user.displayName).toBe('Alice Liddell');
    expect(rememberedUserOf(next)!.displayName).toBe('Alice Liddell');
  });

  test('get-account answers the same from memory as afresh', async () => {
    const { tokens } = await tokensFor(t, client);
    await settled();
    const account = () =>
      t.request('/api/get-account', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    const before = hits();
    const first = await account();
    expect(first.json.status).toBe('ok');
    const second = await account();
    const third = await account();
    expect(hits()).toBe(before + 2);
    expect(second.json).toEqual(first.json);
    expect(third.json).toEqual(first.json);
  });

  test("get-account from memory opens the user's own access secret, as afresh", async () => {
    const keys = await call(t, root, '/api/add-user-keys?id=acme/alice', { owner: 'acme', name: 'alice' });
    expect(keys.status).toBe('ok');
    const { tokens } = await tokensFor(t, client);
    await settled();
    const account = () =>
      t.request('/api/get-account', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    const before = hits();
    const first = await account();
    const second = await account();
    expect(hits()).toBe(before + 1);
    expect(first.json.data.accessSecret.length).toBeGreaterThan(10);
    expect(first.json.data.accessSecret).not.toBe('***');
    expect(second.json).toEqual(first.json);
  });
});

describe('the memory itself', () => {
  const checked = (name: string) => ({ token: { name } }) as unknown as CheckedBearer;

  test('keeps at most its size, dropping the least recently used', () => {
    const cache = new BearerCache(new ChangeFeed(), 2);
    cache.remember('a', checked('a'), cache.generation);
    cache.remember('b', checked('b'), cache.generation);
    expect(cache.get('a')?.token.name).toBe('a');
    cache.remember('c', checked('c'), cache.generation);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.token.name).toBe('a');
    expect(cache.get('c')?.token.name).toBe('c');
    expect(cache.size).toBe(2);
  });

  test('a check that began before a change is not remembered', () => {
    const feed = new ChangeFeed();
    const cache = new BearerCache(feed, 10);
    const started = cache.generation;
    feed.tell('token');
    cache.remember('a', checked('a'), started);
    expect(cache.get('a')).toBeUndefined();
    // Positive control: one that began after it is.
    cache.remember('a', checked('a'), cache.generation);
    expect(cache.get('a')?.token.name).toBe('a');
    feed.tell('user');
    expect(cache.get('a')).toBeUndefined();
  });

  test('nothing is remembered while changes could go unheard', () => {
    let listening = false;
    const feed = new ChangeFeed(() => ({ trustworthy: () => listening, close: async () => {} }));
    const cache = new BearerCache(feed, 10);
    cache.remember('a', checked('a'), cache.generation);
    expect(cache.get('a')).toBeUndefined();
    listening = true;
    cache.remember('a', checked('a'), cache.generation);
    expect(cache.get('a')?.token.name).toBe('a');
  });

  test('size 0 turns it off', async () => {
    const off = await createTestApp({ config: { bearerCacheSize: 0 } });
    try {
      expect(bearerCacheOf(off.context)).toBeUndefined();
    } finally {
      await off.dispose();
    }
  });
});

describe.skipIf(testPostgresUrl === undefined)('Postgres: two servers on one database', () => {
  test('a token revoked on one server is refused by the other, which had it in memory', async () => {
    const other = createDb({ dialect: 'postgres', url: testPostgresUrl!, schema: t.testDb.schema, poolSize: 2 });
    try {
      const otherNode = { ...t.context, db: other.db };
      const { tokens } = await tokensFor(t, client);
      const cache = bearerCacheOf(otherNode)!;
      // Positive control: the other server answers the token from memory (once it listens for changes,
      // and once the notifications of the first server's earlier writes have arrived).
      await until(async () => {
        const before = cache.hits;
        const checks = [
          await checkAccessToken(otherNode, tokens.access_token),
          await checkAccessToken(otherNode, tokens.access_token),
        ];
        return checks.every((check) => check.ok) && cache.hits > before;
      }, 'the other server never answered the token from memory');

      expect((await postForm(t, '/api/login/oauth/revoke', { token: tokens.access_token }, client)).status).toBe(200);
      const took = await timedUntil(
        async () => !(await checkAccessToken(otherNode, tokens.access_token)).ok,
        'the other server still accepts the revoked token',
      );
      console.info(`revocation reached the other server in ${took.toFixed(1)} ms`);
      const answer = await checkAccessToken(otherNode, tokens.access_token);
      expect(answer).toEqual({ ok: false, problem: 'revoked' });
    } finally {
      await other.close();
    }
  });
});
