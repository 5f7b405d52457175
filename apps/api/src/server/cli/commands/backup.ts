import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { copySqliteDatabase } from '@latchkey/db/sqlite-backup';
import { type Command, CommandError, EXIT_OK } from '../command.ts';
import { configFrom } from '../context.ts';

/** Copies a live SQLite database into a new file readable only by its owner, integrity checked. */
export function backupSqlite(source: string, target: string): { bytes: number } {
  try {
    writeFileSync(target, '', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(
      `cannot create ${target}: ${code === 'EEXIST' ? 'it already exists (choose a new name)' : (error as Error).message}`,
    );
  }
  try {
    const integrity = copySqliteDatabase(source, target);
    if (integrity !== 'ok') throw new CommandError(`the copy in ${target} failed its integrity check: ${integrity}`);
  } catch (error) {
    rmSync(target, { force: true });
    if (error instanceof CommandError) throw error;
    throw new CommandError(`the backup failed: ${(error as Error).message}`);
  }
  return { bytes: statSync(target).size };
}

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the SQLite database safely while the server runs',
  description: [
    'Writes a consistent copy of the SQLite database (latchkey.db in LATCHKEY_DATA_DIR) to <file>,',
    'using SQLite’s VACUUM INTO, without stopping the server. The file must not exist yet; it is',
    'created readable only by you.',
    '',
    'The copy holds secrets encrypted with the secret key (secret.key in the data folder, or',
    'LATCHKEY_SECRET_KEY): keep that key too, in a separate place, or the secrets cannot be read',
    'after a restore. To restore, stop the server and put the copy in place as latchkey.db.',
    '',
    'With DATABASE_URL (Postgres) use pg_dump instead; see docs/deploy.md.',
  ].join('\n'),
  options: [],
  positionals: [{ name: 'file', description: 'Where to write the copy', required: true }],
  async run(args, io) {
    const config = configFrom(io);
    if (config.databaseUrl) {
      throw new CommandError(
        'this deployment keeps its data in Postgres (DATABASE_URL); back it up with pg_dump (see docs/deploy.md)',
      );
    }
    const { sqliteFile } = await import('../../open-context.ts');
    const source = sqliteFile(config);
    if (!existsSync(source)) throw new CommandError(`there is no database at ${source} (is LATCHKEY_DATA_DIR right?)`);
    const target = resolve(args.positionals[0]!);
    const { bytes } = backupSqlite(source, target);
    await io.out(`Backed up ${source} to ${target} (${bytes} bytes, integrity checked).\n`);
    await io.err(
      'Keep the secret key (secret.key or LATCHKEY_SECRET_KEY) safe as well: the copy cannot be fully restored without it.\n',
    );
    return EXIT_OK;
  },
};
