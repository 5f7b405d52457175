import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { openTestDb, storedRows, type TestDb } from '@latchkey/db/testing';
import {
  addSharedRateLimit,
  peekSharedRateLimit,
  removeSharedRateLimit,
  takeSharedRateLimit,
} from './shared-window.ts';

/** The counter kept in the database, as the servers on one Postgres database share it (here on the test run's database). */
describe('the shared sliding-window counter', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb();
  });
  afterAll(() => testDb.dispose());

  const windowMs = 60_000;
  const start = 1_000_000 * windowMs;
  const take = (key: string, nowMs: number, limit = 3, bucket = 'signin') =>
    takeSharedRateLimit({ db: testDb.db }, { bucket, key, limit, windowMs, nowMs });

  test('counts every caller of the database together: the limit, then refusals with the seconds to wait', async () => {
    // Two servers are two callers of the same database; a count is a count whoever takes it.
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await take('203.0.113.1', start + i));
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]!.retryAfterSeconds).toBe(60);
    expect((await take('203.0.113.2', start + 10)).allowed).toBe(true);
    expect((await take('203.0.113.1', start + 10, 3, 'token')).allowed).toBe(true);
  });

  test('slides: half-way through the next window half of the previous count still weighs', async () => {
    const later = start + 10 * windowMs;
    for (let i = 0; i < 3; i++) expect((await take('198.51.100.1', later)).allowed).toBe(true);
    expect((await take('198.51.100.1', later + 1.5 * windowMs)).allowed).toBe(true);
    expect((await take('198.51.100.1', later + 1.5 * windowMs)).allowed).toBe(false);
    expect((await take('198.51.100.1', later + 3 * windowMs)).allowed).toBe(true);
  });

  test('refused requests are not counted', async () => {
    const rows = () => storedRows(testDb.db, 'rate_limit', { key: '192.0.2.9' });
    const at = start + 100 * windowMs;
    for (let i = 0; i < 5; i++) await take('192.0.2.9', at);
    expect((await rows()).map((row) => Number(row.count))).toEqual([3]);
  });

  test('requests arriving at once never pass the limit together', async () => {
    const at = start + 200 * windowMs;
    const decisions = await Promise.all(Array.from({ length: 20 }, () => take('192.0.2.20', at)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
    const rows = await storedRows(testDb.db, 'rate_limit', { key: '192.0.2.20' });
    expect(rows.map((row) => Number(row.count))).toEqual([3]);
  });

  test('peek counts nothing; add counts past the limit; remove gives one back', async () => {
    const at = start + 300 * windowMs;
    const request = { bucket: 'failed-address', key: '192.0.2.30', limit: 2, windowMs, nowMs: at };
    for (let i = 0; i < 5; i++) expect((await peekSharedRateLimit({ db: testDb.db }, request)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) await addSharedRateLimit({ db: testDb.db }, request);
    expect(await peekSharedRateLimit({ db: testDb.db }, request)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    await removeSharedRateLimit({ db: testDb.db }, request);
    await removeSharedRateLimit({ db: testDb.db }, request);
    expect((await peekSharedRateLimit({ db: testDb.db }, request)).allowed).toBe(true);
  });
});
