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

/**
 * A new, empty database on a Postgres server, named `<prefix>_<random>`, for a server process of
 * its own; answers its URL and a function that drops it (connections still open included).
 */
export async function createPostgresDatabase(
  serverUrl: string,
  prefix = 'test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
