import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { deleteRows, insertSession, insertSessions } from '@latchkey/db';
import { countStoredRows, storedRows } from '@latchkey/db/testing';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { codeFor, seedAcme, type TestClient, tokenRequest, tokensFor } from '../../features/oauth/testing/flows.ts';
import { RATE_WINDOW_MS } from '../../http/rate-limit/rate-limits.ts';
import { takeSharedRateLimit } from '../../http/rate-limit/shared-window.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, signIn } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';
import { jittered, repeatInBackground } from '../repeat.ts';
import { cleanUp } from './clean-up.ts';
import { startHousekeeping } from './schedule.ts';

/**
 * The periodic clean-up, driven by the test's movable clock: what has expired goes, what may still
 * be used (or is within its organization's retention) stays, in batches, and two servers cleaning
 * up the same database at once delete each row once.
 */
let t: TestApp;
let client: TestClient;
let shortLived: TestClient;

const minute = 60_000;
const day = 24 * 60 * minute;

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t, { expireInHours: 1, refreshExpireInHours: 24 * 10 }));
  await addOrganization(t, 'brief', { tokenRetentionDays: 1 } as never);
  shortLived = await addApplication(t, 'brief-app', 'brief', { grantTypes: ['client_credentials'], expireInHours: 1 });
});
afterAll(() => t.dispose());

const tokenNames = async () => (await storedRows(t.context.db, 'token', {}, ['name'])).map((row) => row.name);
const exists = async (
  table: 'token' | 'session',
  column: 'accessTokenHash' | 'sessionId' | 'codeHash' | 'refreshTokenHash',
  value: string,
) => (await countStoredRows(t.context.db, table as 'token', { [column as 'name']: value })) > 0;

describe('one clean-up pass', () => {
  test('an unredeemed code goes once it has expired; a redeemed one is a token and stays', async () => {
    const unredeemed = await codeFor(t, { clientId: client.clientId });
    const { tokens } = await tokensFor(t, client);
    t.clock.advance(4 * minute);
    expect((await cleanUp(t.context)).codes).toBe(0);
    t.clock.advance(2 * minute);
    expect((await cleanUp(t.context)).codes).toBe(1);
    expect(await exists('token', 'codeHash', sha256Hex(unredeemed))).toBe(false);
    expect(await exists('token', 'accessTokenHash', sha256Hex(tokens.access_token))).toBe(true);
  });

  test('expired sessions go, live ones stay; many are deleted in batches', async () => {
    await deleteRows(t.context.db, 'session', {});
    const live = await signIn(t, 'acme', 'alice', 'alice-password', 'acme-app');
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const expired = Array.from({ length: 450 }, (_, index) => ({
      sessionId: `expired-${index}`,
      owner: 'acme',
      name: 'alice',
      application: 'acme-app',
      createdTime: '',
      expireTime: now - 1,
      clientIp: '',
      userAgent: '',
      factors: '',
      authTime: 0,
    }));
    for (let start = 0; start < expired.length; start += 100)
      await insertSessions(t.context.db, expired.slice(start, start + 100));
    expect((await cleanUp(t.context)).sessions).toBe(450);
    expect(await exists('session', 'sessionId', sha256Hex(live.split('=')[1]!))).toBe(true);
    t.clock.advance(25 * 60 * minute);
    expect((await cleanUp(t.context)).sessions).toBe(1);
    expect(await storedRows(t.context.db, 'session')).toEqual([]);
  });

  test("tokens go when their organization's retention has passed since they became useless; a grant goes whole", async () => {
    await deleteRows(t.context.db, 'token', {});
    // acme keeps expired tokens 30 days (the default), brief 1 day.
    const brief = (await tokenRequest(t, { grant_type: 'client_credentials' }, shortLived)).json.access_token as string;
    const acmeMachine = (await tokenRequest(t, { grant_type: 'client_credentials' }, client)).json
      .access_token as string;
    const { tokens: first } = await tokensFor(t, client);
    // Rotated once: the first refresh token is retired, the grant lives on in the second row (10 days of refresh).
    const rotated = (await tokenRequest(t, { grant_type: 'refresh_token', refresh_token: first.refresh_token }, client))
      .json;
    expect(rotated.refresh_token).toBeString();
    expect((await tokenNames()).length).toBe(4);

    t.clock.advance(1 * day + 2 * 60 * minute);
    expect((await cleanUp(t.context)).tokens).toBe(1);
    expect(await exists('token', 'accessTokenHash', sha256Hex(brief))).toBe(false);

    // 31 days on: acme's machine token has been useless for 30 days and more; the user's grant
    // (refresh until day 10, then 30 days kept) stays whole, so its retired refresh token is still known.
    t.clock.advance(30 * day);
    expect((await cleanUp(t.context)).tokens).toBe(1);
    expect(await exists('token', 'accessTokenHash', sha256Hex(acmeMachine))).toBe(false);
    expect(await exists('token', 'refreshTokenHash', sha256Hex(first.refresh_token))).toBe(true);
    expect((await tokenNames()).length).toBe(2);

    t.clock.advance(10 * day);
    expect((await cleanUp(t.context)).tokens).toBe(2);
    expect(await tokenNames()).toEqual([]);
  });

  test('rate-limit counts older than the previous window go', async () => {
    const nowMs = t.clock.now().getTime();
    const windowOf = (ms: number) => Math.floor(ms / RATE_WINDOW_MS);
    for (const at of [nowMs - 3 * RATE_WINDOW_MS, nowMs - 2 * RATE_WINDOW_MS, nowMs - RATE_WINDOW_MS, nowMs]) {
      await takeSharedRateLimit(t.context, {
        bucket: 'signin',
        key: '192.0.2.1',
        limit: 10,
        windowMs: RATE_WINDOW_MS,
        nowMs: at,
      });
    }
    expect((await cleanUp(t.context)).rateLimits).toBe(2);
    const left = await storedRows(t.context.db, 'rate_limit', {}, ['windowIndex']);
    expect(left.map((row) => Number(row.windowIndex))).toEqual([windowOf(nowMs - RATE_WINDOW_MS), windowOf(nowMs)]);
  });

  test('two servers cleaning up at once delete each row once, and nothing else', async () => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    const rows = (prefix: string, expireTime: number) =>
      Array.from({ length: 250 }, (_, index) => ({
        sessionId: `${prefix}-${index}`,
        owner: 'acme',
        name: 'alice',
        application: '',
        createdTime: '',
        expireTime,
        clientIp: '',
        userAgent: '',
        factors: '',
        authTime: 0,
      }));
    for (const batch of [rows('old', now - 10), rows('new', now + 3600)]) {
      for (let start = 0; start < batch.length; start += 125)
        await insertSessions(t.context.db, batch.slice(start, start + 125));
    }
    const [one, two] = await Promise.all([cleanUp(t.context), cleanUp(t.context)]);
    expect(one.sessions + two.sessions).toBe(250);
    const left = await storedRows(t.context.db, 'session');
    expect(left.length).toBe(250);
    expect(left.every((row) => row.sessionId.startsWith('new-'))).toBe(true);
    await deleteRows(t.context.db, 'session', {});
  });
});

describe('the schedule', () => {
  test('the wait is the interval give or take a fifth', () => {
    expect(jittered(600_000, () => 0)).toBe(480_000);
    expect(jittered(600_000, () => 0.5)).toBe(600_000);
    expect(jittered(600_000, () => 0.999999)).toBe(720_000);
  });

  test('runs in the background until stopped', async () => {
    const now = Math.floor(t.clock.now().getTime() / 1000);
    await insertSession(t.context.db, {
      sessionId: 'due',
      owner: 'acme',
      name: 'alice',
      application: '',
      createdTime: '',
      expireTime: now - 1,
      clientIp: '',
      userAgent: '',
      factors: '',
      authTime: 0,
    });
    const sessionLeft = async (sessionId: string) =>
      (await countStoredRows(t.context.db, 'session', { sessionId })) > 0;
    const housekeeping = startHousekeeping(t.context, 20);
    try {
      await until(async () => !(await sessionLeft('due')), 'the scheduled clean-up has deleted the expired session');
    } finally {
      await housekeeping.stop();
    }
    await insertSession(t.context.db, {
      sessionId: 'after-stop',
      owner: 'acme',
      name: 'alice',
      application: '',
      createdTime: '',
      expireTime: now - 1,
      clientIp: '',
      userAgent: '',
      factors: '',
      authTime: 0,
    });
    // A schedule of the same interval that keeps running shows when the stopped one would have run again, three times over.
    let runs = 0;
    const witness = repeatInBackground(t.context.log, {
      intervalMs: 20,
      failure: 'witness failed',
      task: async () => void runs++,
    });
    try {
      await until(() => runs >= 3, 'three intervals of the same length have passed');
    } finally {
      await witness.stop();
    }
    expect(await sessionLeft('after-stop')).toBe(true);
  });
});
