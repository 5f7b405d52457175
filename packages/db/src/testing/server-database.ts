import { Database as BunSqlite } from 'bun:sqlite';
import { Kysely, sql } from 'kysely';
import { ChangeFeed } from '../change-feed.ts';
import { createDb, type Db } from '../create-db.ts';
import type { Database } from '../database.ts';
import { bunSqliteDialect } from '../sqlite-dialect.ts';

/** Where a server process keeps its data: its SQLite file, or its Postgres database. */
export interface ServerDatabaseLocation {
  sqliteFile?: string;
  postgresUrl?: string;
}

/**
 * The database of a server that runs (or ran) in another process, opened to look at what it stored
 * or to set a scene. Read-only, a SQLite file is opened without writing to it at all (no journal
 * replay, no checkpoint), so that looking changes nothing the next start of the server will find.
 */
export function openServerDatabase(location: ServerDatabaseLocation, options: { readonly?: boolean } = {}): Db {
  if (location.postgresUrl) return createDb({ dialect: 'postgres', url: location.postgresUrl, poolSize: 1 });
  if (!location.sqliteFile) throw new Error('no database: give a SQLite file or a Postgres URL');
  if (!options.readonly) return createDb({ dialect: 'sqlite', file: location.sqliteFile });
  const db = new Kysely<Database>({
    dialect: bunSqliteDialect(new BunSqlite(location.sqliteFile, { readonly: true })),
  });
  return { db, dialect: 'sqlite', changes: new ChangeFeed(), close: () => db.destroy() };
}

/** The names of the migrations applied to a database, in order. */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  // Kysely's own bookkeeping table, which `Database` does not list.
  const migrationsTable = db as unknown as Kysely<{ kysely_migration: { name: string } }>;
  const rows = await migrationsTable.selectFrom('kysely_migration').select('name').orderBy('name').execute();
  return rows.map((row) => row.name);
}

/** Whether a migration has begun: the table that records them exists. */
export async function migrationTableExists({ db, dialect }: Db): Promise<boolean> {
  const { rows } =
    dialect === 'postgres'
      ? await sql<{ found: unknown }>`select to_regclass('kysely_migration') as found`.execute(db)
      : await sql<{
          found: unknown;
        }>`select name as found from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  return rows[0] !== undefined && rows[0].found !== null;
}

/** SQLite's own check of a database file: "ok", or what it found broken, one finding a line. */
export async function sqliteIntegrity(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return rows.map((row) => row.integrity_check).join('\n');
}
