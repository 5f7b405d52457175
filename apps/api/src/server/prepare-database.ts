import { type Db, pendingMigrations } from '@latchkey/db';
import type { Logger } from '../core/logging/logger.ts';
import { builtInsExist } from './built-ins.ts';
import { PREPARING_DEADLINE, PREPARING_DEADLINE_MS, PREPARING_FOR_PID } from './preparing-lifeline.ts';

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
  /** How long it may take before it is killed and the start fails; PREPARING_DEADLINE_MS unless told. */
  deadlineMs?: number;
  /** Aborting it (the start it belongs to) kills the process and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** How long the answer may take to arrive once the process has exited (it is sent before the exit). */
const ANSWER_GRACE_MS = 10_000;

/**
 * Prepares the database in a process of its own when it needs it (see above) and answers what
 * that process generated; answers `upToDate` when the database was ready (its schema then needs no
 * migrating by the server either: Kysely's list of applied migrations was just read). The
 * process's failure throws the same message the start would have given had it done the work itself.
 * The process never outlives this call: it is killed past its deadline, when `signal` aborts, when
 * this process exits, and whenever this call ends without its answer (preparing-lifeline.ts has it
 * end itself when this process dies without a word).
 */
export async function prepareDatabaseApart(
  database: Db,
  log: Logger,
  { command, env, deadlineMs = PREPARING_DEADLINE_MS, signal }: PreparingProcess,
): Promise<{ generatedPassword?: string; upToDate?: boolean }> {
  signal?.throwIfAborted();
  if (!(await databaseNeedsPreparing(database))) return { upToDate: true };
  signal?.throwIfAborted();
  const started = performance.now();
  let answer: PreparedAnswer | undefined;
  let disconnected!: () => void;
  const channelClosed = new Promise<void>((resolve) => {
    disconnected = resolve;
  });
  const child = Bun.spawn([...command], {
    env: { ...env, [PREPARING_FOR_PID]: String(process.pid), [PREPARING_DEADLINE]: String(deadlineMs) },
    stdio: ['ignore', 'inherit', 'inherit'],
    serialization: 'json',
    ipc: (message: PreparedAnswer) => {
      answer = message;
    },
    onDisconnect: () => disconnected(),
  });
  let cut: 'deadline' | 'aborted' | undefined;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const killPastDeadline = setTimeout(() => {
    cut ??= 'deadline';
    kill();
  }, deadlineMs);
  const killOnAbort = () => {
    cut ??= 'aborted';
    kill();
  };
  signal?.addEventListener('abort', killOnAbort, { once: true });
  process.once('exit', kill);
  try {
    const code = await child.exited;
    if (cut === 'aborted') throw signal?.reason ?? new Error('the start was aborted');
    if (cut === 'deadline')
      throw new Error(
        `the process preparing the database (migrations, built-in objects) did not finish within ${deadlineMs / 1000} seconds and was killed`,
      );
    // Its answer may still be on the way when the exit is noticed: the channel closes after it.
    let waited: Timer | undefined;
    await Promise.race([channelClosed, new Promise((resolve) => (waited = setTimeout(resolve, ANSWER_GRACE_MS)))]);
    clearTimeout(waited);
    if (answer?.prepared === false) throw new Error(answer.message);
    if (answer?.prepared !== true || code !== 0) {
      const end = child.signalCode ? `was ended by ${child.signalCode}` : `exited with code ${code}`;
      throw new Error(`the process preparing the database (migrations, built-in objects) ${end} before it finished`);
    }
    log.info('prepared the database in a process of its own', { ms: Math.round(performance.now() - started) });
    return { generatedPassword: answer.generatedPassword };
  } finally {
    clearTimeout(killPastDeadline);
    signal?.removeEventListener('abort', killOnAbort);
    process.off('exit', kill);
    kill();
  }
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
