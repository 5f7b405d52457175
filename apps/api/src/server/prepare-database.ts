import { type Db, pendingMigrations } from '@latchkey/db';
import type { Logger } from '../core/logging/logger.ts';
import { builtInsExist } from './built-ins.ts';

/*
 * A database that needs migrations or the built-in objects (a first start, or the first start of a
 * new version) is prepared by a short-lived process of the same program before the server starts:
 * what that work loads and leaves behind (the migrations, the administrator's password hash, the
 * RSA key and X.509 certificate of the built-in cert and the libraries that make them) goes with it,
 * instead of staying in the server's memory for its whole life. The process runs the internal
 * command of cli/commands/prepare-database.ts, which opens the database as any start does (so
 * several nodes starting together on one Postgres database are as safe as before: migrations take
 * Kysely's lock, the built-ins are created in one transaction) and answers over an IPC channel.
 * The server then opens its database as always and finds nothing left to do. A start whose
 * database is ready spawns nothing.
 */

/** What the preparing process answers. */
export type PreparedAnswer = { prepared: true; generatedPassword?: string } | { prepared: false; message: string };

/** True when the database lacks a migration or the built-in objects. */
export async function databaseNeedsPreparing(database: Db): Promise<boolean> {
  return (await pendingMigrations(database.db)).length > 0 || !(await builtInsExist(database.db));
}

/**
 * The command line that runs this program again: the executable alone for the compiled binary
 * (whose entry is embedded, under /$bunfs/), Bun and the entry script otherwise (without Bun's own
 * flags, such as --cpu-prof, which the short-lived process does not need).
 */
export function programCommand(): string[] {
  return Bun.main.startsWith('/$bunfs/') ? [process.execPath] : [process.execPath, Bun.main];
}

/** How to run the preparing process. */
export interface PreparingProcess {
  /** Its command line: this program (programCommand()) and the internal command's name. */
  command: readonly string[];
  /** The environment the server's configuration was read from: the process reads its own from it. */
  env: Record<string, string | undefined>;
}

/**
 * Prepares the database in a process of its own when it needs it (see above) and answers what
 * that process generated; answers `upToDate` when the database was ready (its schema then needs no
 * migrating by the server either: Kysely's list of applied migrations was just read). The
 * process's failure throws the same message the start would have given had it done the work itself.
 */
export async function prepareDatabaseApart(
  database: Db,
  log: Logger,
  { command, env }: PreparingProcess,
): Promise<{ generatedPassword?: string; upToDate?: boolean }> {
  if (!(await databaseNeedsPreparing(database))) return { upToDate: true };
  const started = performance.now();
  let answer: PreparedAnswer | undefined;
  let disconnected!: () => void;
  const channelClosed = new Promise<void>((resolve) => {
    disconnected = resolve;
  });
  const child = Bun.spawn([...command], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    serialization: 'json',
    ipc: (message: PreparedAnswer) => {
      answer = message;
    },
    onDisconnect: () => disconnected(),
  });
  const code = await child.exited;
  // Its answer may still be on the way when the exit is noticed: the channel closes after it.
  let waited: Timer | undefined;
  await Promise.race([channelClosed, new Promise((resolve) => (waited = setTimeout(resolve, 10_000)))]);
  clearTimeout(waited);
  if (answer?.prepared === false) throw new Error(answer.message);
  if (answer?.prepared !== true || code !== 0) {
    const end = child.signalCode ? `was ended by ${child.signalCode}` : `exited with code ${code}`;
    throw new Error(`the process preparing the database (migrations, built-in objects) ${end} before it finished`);
  }
  log.info('prepared the database in a process of its own', { ms: Math.round(performance.now() - started) });
  return { generatedPassword: answer.generatedPassword };
}

/** The preparing process's side: sends its answer to the server that started it. */
export function answerServer(answer: PreparedAnswer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('no server to answer: this command runs only when a start prepares its database'));
      return;
    }
    process.send(answer, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}
