import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import { updateRows } from '@latchkey/db';
import { countStoredRows, openServerDatabase, storedRows } from '@latchkey/db/testing';
import { adminSession, databaseEnvironment, type RunningLatchkey, startLatchkey } from '../support/server.ts';
import { until } from '../support/until.ts';

/**
 * The running server cleans up on its own schedule (LATCHKEY_HOUSEKEEPING_INTERVAL): sessions that
 * expired while it ran are deleted without anyone asking, and live ones are kept.
 */
let server: RunningLatchkey;
let database: Awaited<ReturnType<typeof databaseEnvironment>>;

beforeAll(async () => {
  database = await databaseEnvironment();
  server = await startLatchkey({ env: { ...database.env, LATCHKEY_HOUSEKEEPING_INTERVAL: '1' } });
});
afterAll(async () => {
  await server?.stop();
  await database?.dispose();
});

/** Works on the server's own database (its SQLite file, or its Postgres database). */
async function withServerDatabase<T>(
  work: (db: ReturnType<typeof openServerDatabase>['db']) => Promise<T>,
): Promise<T> {
  const opened = openServerDatabase(
    database.env.DATABASE_URL
      ? { postgresUrl: database.env.DATABASE_URL }
      : { sqliteFile: join(server.dataDir, 'latchkey.db') },
  );
  try {
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

/** Sessions that expired long ago: their expiry set to Unix second 1. */
const EXPIRED = 1;
const expiredSessionCount = () => withServerDatabase((db) => countStoredRows(db, 'session', { expireTime: EXPIRED }));
const liveSessionCount = () =>
  withServerDatabase(
    async (db) => (await storedRows(db, 'session')).filter((session) => session.expireTime > EXPIRED).length,
  );

test('sessions that expire while the server runs are deleted by its scheduled clean-up; live ones stay', async () => {
  await adminSession(server);
  await adminSession(server);
  await withServerDatabase((db) => updateRows(db, 'session', {}, { expireTime: EXPIRED }));
  expect(await expiredSessionCount()).toBe(2);
  const live = await adminSession(server);

  await until(
    async () => (await expiredSessionCount()) === 0,
    'the scheduled clean-up has deleted the expired sessions',
    30_000,
    100,
  );

  expect(await liveSessionCount()).toBe(1);
  const account = await (await fetch(`${server.url}/api/get-account`, { headers: { cookie: live } })).json();
  expect(account).toMatchObject({ status: 'ok', name: 'admin' });
  expect(server.output()).toContain('cleaned up');
});
