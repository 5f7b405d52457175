import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../create-db.ts';
import { migrateToLatest } from '../migrate.ts';

/** The Postgres server tests use when LATCHKEY_TEST_DATABASE_URL is set; otherwise tests use SQLite. */
export const testPostgresUrl = process.env.LATCHKEY_TEST_DATABASE_URL || undefined;

export interface TestDb extends Db {
  /** The Postgres schema this test database lives in, if any. */
  schema?: string;
  /** Closes the connection and throws the data away. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test: in-memory SQLite, or a schema of its own on the test
 * Postgres server so that tests never see each other's rows.
 */
export async function openTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  let db: Db;
  let schema: string | undefined;
  if (testPostgresUrl) {
    schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    db = createDb({ dialect: 'postgres', url: testPostgresUrl, schema, poolSize: 4 });
  } else {
    db = createDb({ dialect: 'sqlite', file: ':memory:' });
  }
  if (options.migrate !== false) await migrateToLatest(db.db);
  return {
    ...db,
    schema,
    async dispose() {
      await db.close();
      if (!schema || !testPostgresUrl) return;
      const admin = new pg.Client({ connectionString: testPostgresUrl });
      await admin.connect();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}

export interface DropOptions {
  /**
   * How long to wait for the database's connections to end before it is dropped (which cuts those
   * left). A closed pg pool answers before its connections have ended, and a connection cut while
   * it ends is reported by its client as an error of the process that closed it.
   */
  waitForClosingMs?: number;
}

/**
 * A new, empty database on a Postgres server, named `<prefix>_<random>`, for a server process of
 * its own; answers its URL and a function that drops it (connections still open included).
 */
export async function createPostgresDatabase(
  serverUrl: string,
  prefix = 'test',
): Promise<{ url: string; drop(options?: DropOptions): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop(options = {}) {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      const deadline = performance.now() + (options.waitForClosingMs ?? 0);
      while (performance.now() < deadline) {
        const { rows } = await client.query<{ open: number }>(
          'select count(*)::int as open from pg_stat_activity where datname = $1',
          [name],
        );
        if (rows[0]!.open === 0) break;
        await Bun.sleep(20);
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
