import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, type Db, migrateToLatest } from '@latchkey/db';
import type { Config } from '../core/config/index.ts';
import { type AppContext, systemClock } from '../core/context.ts';
import { createSecretBox } from '../core/crypto/secret-box.ts';
import type { Logger } from '../core/logging/logger.ts';
import { secondFactorMigrationHooks } from '../core/mfa/migration-hooks.ts';
import { createPasswordHasher } from '../core/passwords/hasher.ts';
import { writePrivateFile } from '../core/secrets/private-file.ts';
import { loadSecretKey } from '../core/secrets/secret-key.ts';
import { ensureBuiltIns } from './built-ins.ts';

export interface OpenedContext {
  context: AppContext;
  database: Db;
  /** The generated administrator password, on the one start that created it. */
  generatedPassword?: string;
}

/** The SQLite file of a deployment without DATABASE_URL. */
export const sqliteFile = (config: Pick<Config, 'dataDir'>) => join(config.dataDir, 'latchkey.db');

/** Opens the configured database (Postgres, else the SQLite file in the data folder, which is created if needed). */
export function openDatabase(config: Config, options: Pick<OpenOptions, 'checkpoints'> = {}): Db {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return config.databaseUrl
    ? createDb({ dialect: 'postgres', url: config.databaseUrl })
    : createDb({ dialect: 'sqlite', file: sqliteFile(config), checkpoints: options.checkpoints ?? 'inline' });
}

export interface OpenOptions {
  /**
   * Where a SQLite file's WAL checkpoints run: a server's on a worker thread, off the thread that
   * serves requests; a command's inside its own commits (SQLite's default).
   */
  checkpoints?: 'inline' | 'background';
  /**
   * Called with the opened database before it is migrated: may migrate it and create the built-in
   * objects elsewhere (the server does so in a process of its own, prepare-database.ts), answering
   * the administrator password that work generated, or that the schema was found up to date (then
   * not migrated again here). What it leaves undone is done here as always.
   */
  prepare?: (database: Db) => Promise<{ generatedPassword?: string; upToDate?: boolean } | undefined>;
}

/** Prepares the data folder, opens and migrates the database, and creates the built-in objects once. */
export async function openContext(config: Config, log: Logger, options: OpenOptions = {}): Promise<OpenedContext> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const { key } = loadSecretKey(config);
  const database = openDatabase(config, options);
  const secrets = createSecretBox(key);
  let prepared: Awaited<ReturnType<NonNullable<OpenOptions['prepare']>>>;
  try {
    prepared = await options.prepare?.(database);
  } catch (error) {
    // A failed (or aborted) preparation leaves no database handle open behind it.
    await database.close();
    throw error;
  }
  if (!prepared?.upToDate) await migrateToLatest(database.db, secondFactorMigrationHooks(secrets));
  const context: AppContext = {
    config,
    db: database.db,
    dialect: database.dialect,
    log,
    secrets,
    passwords: createPasswordHasher(),
    clock: systemClock,
  };
  const passwordFile = join(config.dataDir, 'admin-password.txt');
  let keptPassword: string | undefined;
  const builtIns = await ensureBuiltIns(context, {
    keepGeneratedPassword: (password) => {
      writePrivateFile(passwordFile, `${password}\n`);
      keptPassword = password;
    },
  });
  if (builtIns.created) log.info('created the built-in organization, administrator, application and cert');
  // Another node created the built-ins first: the password kept here is not the administrator's.
  if (keptPassword && !builtIns.created && readFileSync(passwordFile, 'utf8').trim() === keptPassword)
    rmSync(passwordFile, { force: true });
  return { context, database, generatedPassword: builtIns.generatedPassword ?? prepared?.generatedPassword };
}
