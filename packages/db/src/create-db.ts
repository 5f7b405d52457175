import { Database as BunSqlite } from 'bun:sqlite';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { ChangeFeed, postgresNotifications, sqliteProcessChanges, watchedDialect } from './change-feed.ts';
import type { Database } from './database.ts';
import { bunSqliteDialect } from './sqlite-dialect.ts';
import { startWalCheckpointer, type WalCheckpointer, type WalCheckpointerOptions } from './wal-checkpointer.ts';

export type DialectName = 'sqlite' | 'postgres';

export type DbOptions =
  | {
      dialect: 'sqlite';
      file: string;
      /**
       * Where WAL checkpoints run: inside the commit that fills the WAL (SQLite's own, the default),
       * or on a worker thread (a server's file: wal-checkpointer.ts). Ignored for ':memory:'.
       */
      checkpoints?: 'inline' | 'background';
      checkpointer?: WalCheckpointerOptions;
    }
  | { dialect: 'postgres'; url: string; schema?: string; poolSize?: number };

export interface Db {
  db: Kysely<Database>;
  dialect: DialectName;
  /** What changes in the tables a server keeps rows of in memory (change-feed.ts). */
  changes: ChangeFeed;
  /** The worker that checkpoints a SQLite file (`checkpoints: 'background'`). */
  checkpointer?: WalCheckpointer;
  close(): Promise<void>;
}

const feeds = new WeakMap<Kysely<Database>, ChangeFeed>();

/** The change feed of a database opened by createDb. */
export function changeFeedOf(db: Kysely<Database>): ChangeFeed | undefined {
  return feeds.get(db);
}

function opened(db: Kysely<Database>, dialect: DialectName, changes: ChangeFeed, checkpointer?: WalCheckpointer): Db {
  feeds.set(db, changes);
  return {
    db,
    dialect,
    changes,
    ...(checkpointer ? { checkpointer } : {}),
    async close() {
      // The worker's connection closes first, so that the serving one is the last and leaves no WAL.
      await checkpointer?.stop();
      await changes.close();
      await db.destroy();
    },
  };
}

let loadingPg: Promise<typeof pg> | undefined;

/** pg, loaded by the first Postgres database: a server on SQLite never needs it, and it is large. */
function loadPg(): Promise<typeof pg> {
  loadingPg ??= import('pg').then(({ default: pg }) => {
    // Postgres returns bigint (int8) and numeric as strings; every such column of ours fits a JS number.
    pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
    pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
    return pg;
  });
  return loadingPg;
}

function openSqlite(file: string): BunSqlite {
  const database = new BunSqlite(file, { create: true });
  if (file !== ':memory:') database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA foreign_keys = ON');
  database.exec('PRAGMA busy_timeout = 5000');
  database.exec('PRAGMA synchronous = NORMAL');
  return database;
}

/** Opens the database: a SQLite file through bun:sqlite, or Postgres through pg. */
export function createDb(options: DbOptions): Db {
  if (options.dialect === 'sqlite') {
    const database = openSqlite(options.file);
    const changes = new ChangeFeed(sqliteProcessChanges(database));
    const db = new Kysely<Database>({ dialect: watchedDialect(bunSqliteDialect(database), changes) });
    const checkpointer =
      options.checkpoints === 'background' && options.file !== ':memory:'
        ? startWalCheckpointer(database, options.file, options.checkpointer)
        : undefined;
    return opened(db, 'sqlite', changes, checkpointer);
  }
  const connection = {
    connectionString: options.url,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  // Kysely asks for the pool on the first query.
  const pool = async () => new (await loadPg()).Pool({ ...connection, max: options.poolSize ?? 10 });
  const changes = new ChangeFeed(postgresNotifications(connection));
  const db = new Kysely<Database>({ dialect: watchedDialect(new PostgresDialect({ pool }), changes) });
  return opened(db, 'postgres', changes);
}
