import { Database } from 'bun:sqlite';
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { join } from 'node:path';
import pg from 'pg';
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

/** Runs one statement on the server's own database (its SQLite file, or its Postgres database). */
async function query(statement: string): Promise<Record<string, unknown>[]> {
  if (database.env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: database.env.DATABASE_URL });
    await client.connect();
    try {
      return (await client.query(statement)).rows;
    } finally {
      await client.end();
    }
  }
  const file = new Database(join(server.dataDir, 'latchkey.db'));
  try {
    return file.query(statement).all() as Record<string, unknown>[];
  } finally {
    file.close();
  }
}

const sessionCount = async (where: string) =>
  Number((await query(`select count(*) as n from session where ${where}`))[0]!.n);

test('sessions that expire while the server runs are deleted by its scheduled clean-up; live ones stay', async () => {
  await adminSession(server);
  await adminSession(server);
  await query('update session set "expireTime" = 1');
  expect(await sessionCount('"expireTime" = 1')).toBe(2);
  const live = await adminSession(server);

  await until(
    async () => (await sessionCount('"expireTime" = 1')) === 0,
    'the scheduled clean-up has deleted the expired sessions',
    30_000,
    100,
  );

  expect(await sessionCount('"expireTime" > 1')).toBe(1);
  const account = await (await fetch(`${server.url}/api/get-account`, { headers: { cookie: live } })).json();
  expect(account).toMatchObject({ status: 'ok', name: 'admin' });
  expect(server.output()).toContain('cleaned up');
});
