import { afterAll, describe, expect, test } from 'bun:test';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@latchkey/db';
import { createPostgresDatabase, testPostgresUrl } from '@latchkey/db/testing';
import { loadConfig } from '../core/config/index.ts';
import { createMemoryLogger } from '../core/logging/logger.ts';
import { openDatabase } from './open-context.ts';
import { databaseNeedsPreparing, prepareDatabaseApart } from './prepare-database.ts';

const folders: string[] = [];
const opened: Db[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

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
