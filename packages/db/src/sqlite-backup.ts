import { Database } from 'bun:sqlite';

/**
 * Copies a live SQLite database with VACUUM INTO: one consistent snapshot taken inside a read
 * transaction, while the server goes on reading and writing (a plain file copy of a database in
 * WAL mode can miss committed pages or catch a half-written one). The target must already exist
 * and be empty (the caller creates it with the permissions it wants). Answers the integrity
 * check of the copy: "ok" when it passed.
 */
export function copySqliteDatabase(source: string, target: string): string {
  const database = new Database(source, { readwrite: true, create: false });
  try {
    database.exec('PRAGMA busy_timeout = 10000');
    database.run('VACUUM INTO ?', [target]);
  } finally {
    database.close();
  }
  const copy = new Database(target, { readonly: true });
  try {
    const check = copy.query('PRAGMA integrity_check').get() as { integrity_check: string };
    return check.integrity_check;
  } finally {
    copy.close();
  }
}
