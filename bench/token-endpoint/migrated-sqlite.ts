import { Database } from 'bun:sqlite';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateToLatest } from '@latchkey/db';

/**
 * A fresh SQLite file in a folder of its own under the system's temporary folder, migrated to
 * Latchkey's latest schema, opened with bun:sqlite as the server opens it (WAL, `synchronous = NORMAL`).
 */
export async function openMigratedSqlite(prefix: string): Promise<{ database: Database; file: string }> {
  const file = join(mkdtempSync(join(tmpdir(), prefix)), 'latchkey.db');
  const migrated = createDb({ dialect: 'sqlite', file });
  await migrateToLatest(migrated.db);
  await migrated.close();
  const database = new Database(file);
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  return { database, file };
}
