import { Database } from 'bun:sqlite';
import { afterAll, describe, expect, test } from 'bun:test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@latchkey/db';
import { createPostgresDatabase, testPostgresUrl } from '@latchkey/db/testing';
import { loadConfig } from '../core/config/index.ts';
import { createMemoryLogger } from '../core/logging/logger.ts';
import { hasOpen, isRunning, runningChildren, runningProcesses } from '../test/processes.ts';
import { until } from '../test/until.ts';
import { openDatabase, sqliteFile } from './open-context.ts';
import { databaseNeedsPreparing, prepareDatabaseApart } from './prepare-database.ts';
import { PREPARING_DEADLINE, PREPARING_FOR_PID } from './preparing-lifeline.ts';
import { startServer } from './start.ts';

const folders: string[] = [];
const opened: Db[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  // No process these tests started to prepare a database is left running, orphans included.
  await until(
    () => runningProcesses('prepare-database', `${PREPARING_FOR_PID}=${process.pid}`).length === 0,
    'no preparing process of these tests is left',
    5_000,
  );
});

/** How soon a preparing process must be gone once its server is: far less than SQLite's 5 s wait for a lock. */
const GONE_WITHIN_MS = 2_500;

/**
 * Holds the write lock of the SQLite database of `env` (created, in WAL mode, so that reading it
 * stays possible): whoever migrates it waits for the lock, as behind another node's migration.
 */
function holdWriteLock(env: Record<string, string | undefined>): { file: string; release(): void } {
  const file = sqliteFile(loadConfig(env));
  const holder = new Database(file, { create: true });
  holder.exec('PRAGMA journal_mode = WAL');
  holder.exec('BEGIN IMMEDIATE');
  return {
    file,
    release() {
      holder.exec('ROLLBACK');
      holder.close();
    },
  };
}

function folder(): string {
  const path = mkdtempSync(join(tmpdir(), 'latchkey-prepare-'));
  folders.push(path);
  return path;
}

/** This program's internal command, run from its source as `bun apps/api/src/index.ts` is. */
const program = [process.execPath, join(import.meta.dir, '..', 'index.ts'), 'prepare-database'];

/** A stand-in for the program that runs `source` (it may answer with `process.send`). */
function standIn(source: string): string[] {
  const script = join(folder(), 'stand-in.ts');
  writeFileSync(script, source);
  return [process.execPath, script];
}

/** The environment of a first start on a data folder of its own, with a generated password. */
function environment(overrides: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    ...process.env,
    LATCHKEY_DATA_DIR: folder(),
    LATCHKEY_ADMIN_PASSWORD: '',
    LATCHKEY_LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    ...overrides,
  };
}

function open(env: Record<string, string | undefined>): Db {
  const database = openDatabase(loadConfig(env));
  opened.push(database);
  return database;
}

describe('the database prepared by a process of its own', () => {
  test('a fresh database is migrated and given its built-ins by the program, whose generated password comes back; a ready one spawns nothing', async () => {
    const postgres = testPostgresUrl ? await createPostgresDatabase(testPostgresUrl, 'prepare') : undefined;
    try {
      const env = environment(postgres ? { DATABASE_URL: postgres.url } : {});
      const database = open(env);
      expect(await databaseNeedsPreparing(database)).toBe(true);
      const { logger, entries } = createMemoryLogger();
      const prepared = await prepareDatabaseApart(database, logger, { command: program, env });
      expect(prepared?.generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(readFileSync(join(env.LATCHKEY_DATA_DIR!, 'admin-password.txt'), 'utf8')).toBe(
        `${prepared!.generatedPassword}\n`,
      );
      expect(await databaseNeedsPreparing(database)).toBe(false);
      expect(entries().filter((entry) => entry.msg === 'prepared the database in a process of its own')).toHaveLength(
        1,
      );

      // The stand-in would fail the start: it is not run.
      const failing = standIn('process.exit(7);\n');
      expect(await prepareDatabaseApart(database, logger, { command: failing, env })).toEqual({ upToDate: true });
      await database.close();
      opened.pop();
    } finally {
      await postgres?.drop({ waitForClosingMs: 10_000 });
    }
  }, 60_000);

  test("the process's failure stops the start with its message, or with how it ended", async () => {
    const env = environment();
    const database = open(env);
    const { logger } = createMemoryLogger();
    const answering = standIn(
      "process.send!({ prepared: false, message: 'migration 0001 failed: no room' }, undefined, undefined, () => process.exit(1));\n",
    );
    await expect(prepareDatabaseApart(database, logger, { command: answering, env })).rejects.toThrow(
      'migration 0001 failed: no room',
    );
    const silent = standIn('process.exit(3);\n');
    await expect(prepareDatabaseApart(database, logger, { command: silent, env })).rejects.toThrow(
      'the process preparing the database (migrations, built-in objects) exited with code 3 before it finished',
    );
    const killed = standIn("process.kill(process.pid, 'SIGKILL');\n");
    await expect(prepareDatabaseApart(database, logger, { command: killed, env })).rejects.toThrow(
      'the process preparing the database (migrations, built-in objects) was ended by SIGKILL before it finished',
    );
  }, 60_000);

  test('a server killed (SIGKILL) while its preparing process waits for a lock leaves that process running not a moment longer', async () => {
    const env = environment({ LATCHKEY_PORTAL: 'false', LATCHKEY_PORT: String(40_000 + (process.pid % 20_000)) });
    const lock = holdWriteLock(env);
    const server = Bun.spawn([process.execPath, join(import.meta.dir, '..', 'index.ts'), 'serve'], {
      env,
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    try {
      const preparing = await until(
        () => runningChildren(server.pid, 'prepare-database')[0],
        'the server started its preparing process',
      );
      // Positive control: it is alive, with the database open, held up by the lock (not finished, not failed).
      await until(() => hasOpen(preparing, lock.file), 'the preparing process opened the database');
      expect(isRunning(preparing)).toBe(true);
      expect(server.exitCode).toBeNull();
      server.kill('SIGKILL');
      await server.exited;
      await until(() => !isRunning(preparing), 'the preparing process ended with its server', GONE_WITHIN_MS);
    } finally {
      server.kill('SIGKILL');
      lock.release();
    }
  }, 60_000);

  test('an aborted start kills its preparing process and fails with the reason', async () => {
    const env = environment({ LATCHKEY_PORTAL: 'false' });
    const lock = holdWriteLock(env);
    const starting = new AbortController();
    try {
      const start = startServer(loadConfig(env), createMemoryLogger().logger, {
        preparing: { command: program, env },
        signal: starting.signal,
      });
      start.catch(() => {}); // awaited below
      const preparing = await until(
        () => runningChildren(process.pid, 'prepare-database')[0],
        'the start ran its preparing process',
      );
      await until(() => hasOpen(preparing, lock.file), 'the preparing process opened the database');
      starting.abort(new Error('the start was called off'));
      await expect(start).rejects.toThrow('the start was called off');
      await until(() => !isRunning(preparing), 'the aborted start killed its preparing process', GONE_WITHIN_MS);
    } finally {
      lock.release();
    }
  }, 60_000);

  test('a preparing process past its deadline is killed and the start fails saying so', async () => {
    const env = environment();
    const database = open(env);
    const hanging = standIn('process.send!({ started: true });\nsetInterval(() => {}, 1_000);\n');
    const { logger } = createMemoryLogger();
    const started = performance.now();
    const preparing = prepareDatabaseApart(database, logger, { command: hanging, env, deadlineMs: 1_500 });
    const child = await until(() => runningChildren(process.pid, hanging[1]!)[0], 'the stand-in runs');
    await expect(preparing).rejects.toThrow(
      'the process preparing the database (migrations, built-in objects) did not finish within 1.5 seconds and was killed',
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(isRunning(child)).toBe(false);
  }, 60_000);

  test('the preparing process ends by itself when it does not run for its parent, and at its own deadline even while it waits for a lock', async () => {
    const env = environment();
    const spawnProgram = (extra: Record<string, string>) =>
      Bun.spawn(program, {
        env: { ...env, ...extra },
        stdio: ['ignore', 'ignore', 'ignore'],
        serialization: 'json',
        ipc: () => {},
      });
    const ours = { [PREPARING_FOR_PID]: String(process.pid) };
    const lock = holdWriteLock(env);
    try {
      // Not run for its parent (whose process id it was not given): it leaves at once, not after the lock's 5 s.
      const elsewhereStart = performance.now();
      const elsewhere = spawnProgram({ [PREPARING_FOR_PID]: String(process.ppid) });
      expect(await elsewhere.exited).toBe(1);
      expect(performance.now() - elsewhereStart).toBeLessThan(GONE_WITHIN_MS);

      // Its own deadline (2 s past the one given, rounded up to whole seconds) holds even while it waits for the lock.
      const lateStart = performance.now();
      const late = spawnProgram({ ...ours, [PREPARING_DEADLINE]: '1' });
      await until(() => hasOpen(late.pid, lock.file), 'the late preparing process opened the database');
      await late.exited;
      expect(late.signalCode).toBe('SIGALRM');
      expect(performance.now() - lateStart).toBeLessThan(4_800);
    } finally {
      lock.release();
    }
  }, 60_000);

  test.skipIf(!testPostgresUrl)(
    'several nodes starting at once on one fresh Postgres database: exactly one creates the built-ins',
    async () => {
      const postgres = await createPostgresDatabase(testPostgresUrl!, 'prepare');
      try {
        const shared = { DATABASE_URL: postgres.url, LATCHKEY_SECRET_KEY: randomBytes(32).toString('hex') };
        const nodes = [environment(shared), environment(shared), environment(shared)];
        const answers = await Promise.all(
          nodes.map((env) => prepareDatabaseApart(open(env), createMemoryLogger().logger, { command: program, env })),
        );
        expect(answers.filter((answer) => answer?.generatedPassword !== undefined)).toHaveLength(1);
        for (const database of opened.splice(0)) await database.close();
      } finally {
        await postgres.drop({ waitForClosingMs: 10_000 });
      }
    },
    60_000,
  );
});
