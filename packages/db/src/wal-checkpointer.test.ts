import { Database as BunSqlite } from 'bun:sqlite';
import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createDb, type Db } from './create-db.ts';
import { walProgress } from './testing/wal-progress.ts';
import { BACKSTOP_PAGES, type CheckpointResult, startWalCheckpointer } from './wal-checkpointer.ts';

const folder = mkdtempSync(join(tmpdir(), 'latchkey-checkpoints-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const freshFile = () => join(folder, `db-${files++}.sqlite`);

/** A WAL frame: its 24-byte header and one page (SQLite's default 4,096 bytes). */
const FRAME_BYTES = 24 + 4096;

async function until<T>(what: string, read: () => T, done: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms; last seen ${JSON.stringify(value)}`);
    await Bun.sleep(10);
  }
}

/** Waits until every frame of the file's WAL has been copied into the database (a checkpoint reached its end). */
const untilCheckpointed = (file: string, what: string) =>
  until(
    what,
    () => walProgress(file),
    ({ frames, backfilled }) => frames > 0 && backfilled === frames,
  );

async function writeRows(database: Db, rows: number, bytes = 1_000): Promise<void> {
  for (let row = 0; row < rows; row++)
    await sql`insert into scratch (v) values (${'x'.repeat(bytes)})`.execute(database.db);
}

async function scratchDb(options: Parameters<typeof createDb>[0]): Promise<Db> {
  const database = createDb(options);
  await sql`create table scratch (v text)`.execute(database.db);
  return database;
}

const autocheckpoint = (database: BunSqlite) =>
  database.query<{ wal_autocheckpoint: number }, []>('PRAGMA wal_autocheckpoint').get()?.wal_autocheckpoint;

async function servingAutocheckpoint(database: Db): Promise<number | undefined> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(database.db);
  return rows[0]?.wal_autocheckpoint;
}

describe('background WAL checkpoints', () => {
  test('the worker copies every frame the server wrote into the database file, and the WAL starts over', async () => {
    const file = freshFile();
    const reported: CheckpointResult[] = [];
    const database = await scratchDb({
      dialect: 'sqlite',
      file,
      checkpoints: 'background',
      checkpointer: { intervalMs: 20, delayMs: 0, onCheckpoint: (result) => reported.push(result) },
    });
    try {
      await writeRows(database, 100);
      const written = walProgress(file).frames;
      expect(written).toBeGreaterThan(100);
      // The worker's report (sent after it synced the file) and the wal-index agree.
      await until(
        'the worker reported a checkpoint of every frame',
        () => reported.find(({ log, checkpointed }) => log >= written && checkpointed === log),
        (found) => found !== undefined,
      );
      const done = walProgress(file);
      expect(done.backfilled).toBe(done.frames);
      expect(done.frames).toBeGreaterThanOrEqual(written);
      expect(database.checkpointer?.running).toBe(true);
      // The next write starts the WAL from its first frame: it never grows past what one spell of writes adds.
      await writeRows(database, 1);
      expect(walProgress(file).frames).toBeLessThan(10);
    } finally {
      await database.close();
    }
  });

  test('thousands of rows start a checkpoint before the delay is over', async () => {
    const file = freshFile();
    const database = await scratchDb({
      dialect: 'sqlite',
      file,
      checkpoints: 'background',
      checkpointer: { intervalMs: 10, delayMs: 3_600_000 },
    });
    try {
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000)
        insert into scratch (v) select printf('%0500d', i) from n`.execute(database.db);
      await untilCheckpointed(file, 'the worker checkpointed the rows');
    } finally {
      await database.close();
    }
  });

  test('positive control: without the worker, the frames stay in the WAL (the backstop is far off)', async () => {
    const file = freshFile();
    // Looks for writes once an hour: the worker never starts during the test.
    const database = await scratchDb({
      dialect: 'sqlite',
      file,
      checkpoints: 'background',
      checkpointer: { intervalMs: 3_600_000 },
    });
    try {
      await writeRows(database, 100);
      const { frames, backfilled } = walProgress(file);
      expect(frames).toBeGreaterThan(100);
      expect(backfilled).toBe(0);
      expect(database.checkpointer?.running).toBe(false);
    } finally {
      await database.close();
    }
  });

  test('a database opened without background checkpoints keeps SQLite’s own and starts no worker', async () => {
    const database = await scratchDb({ dialect: 'sqlite', file: freshFile() });
    const background = await scratchDb({ dialect: 'sqlite', file: freshFile(), checkpoints: 'background' });
    try {
      expect(database.checkpointer).toBeUndefined();
      expect(await servingAutocheckpoint(database)).toBe(1_000);
      expect(background.checkpointer).toBeDefined();
      expect(await servingAutocheckpoint(background)).toBe(BACKSTOP_PAGES);
    } finally {
      await database.close();
      await background.close();
    }
    const memory = createDb({ dialect: 'sqlite', file: ':memory:', checkpoints: 'background' });
    expect(memory.checkpointer).toBeUndefined();
    await memory.close();
  });

  test('the backstop bounds the WAL when no worker runs', async () => {
    const bound = (BACKSTOP_PAGES + 100) * FRAME_BYTES;
    // 12,000 pages or so in commits of about 16: past the backstop, not by far.
    const rows = Math.ceil((BACKSTOP_PAGES * 1.2) / 16);
    const file = freshFile();
    const database = await scratchDb({
      dialect: 'sqlite',
      file,
      checkpoints: 'background',
      checkpointer: { intervalMs: 3_600_000 },
    });
    try {
      await writeRows(database, rows, 16 * 4000);
      expect(database.checkpointer?.running).toBe(false);
      // The WAL file never shrinks: its size is the most it ever held.
      expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(bound);
    } finally {
      await database.close();
    }
    // Positive control: the same writes with no automatic checkpoint at all grow the WAL past the bound.
    const unbounded = freshFile();
    const control = await scratchDb({ dialect: 'sqlite', file: unbounded });
    try {
      await sql`PRAGMA wal_autocheckpoint = 0`.execute(control.db);
      await writeRows(control, rows, 16 * 4000);
      expect(statSync(`${unbounded}-wal`).size).toBeGreaterThan(bound);
    } finally {
      await control.close();
    }
  }, 60_000);

  test('a worker that keeps failing hands checkpoints back to the serving connection', async () => {
    const file = freshFile();
    const serving = new BunSqlite(file, { create: true });
    serving.exec('PRAGMA journal_mode = WAL');
    serving.exec('create table scratch (v text)');
    // The worker is pointed at a file that does not exist, so each of its checkpoints fails.
    const checkpointer = startWalCheckpointer(serving, join(folder, 'missing', 'nothing.sqlite'), {
      intervalMs: 10,
      delayMs: 0,
    });
    try {
      expect(autocheckpoint(serving)).toBe(BACKSTOP_PAGES);
      let written = 0;
      await until(
        'the serving connection took checkpoints back',
        () => {
          serving.run('insert into scratch (v) values (?)', [String(written++)]);
          return autocheckpoint(serving);
        },
        (pages) => pages === 1_000,
      );
      expect(checkpointer.running).toBe(false);
    } finally {
      await checkpointer.stop();
      serving.close();
    }
  });

  test('a quiet spell stops the worker; the next write starts it again', async () => {
    const file = freshFile();
    const database = await scratchDb({
      dialect: 'sqlite',
      file,
      checkpoints: 'background',
      checkpointer: { intervalMs: 10, delayMs: 0, idleMs: 100 },
    });
    try {
      await writeRows(database, 5);
      await until(
        'the worker started',
        () => database.checkpointer?.running,
        (running) => running === true,
      );
      await until(
        'the worker stopped when idle',
        () => database.checkpointer?.running,
        (running) => running === false,
      );
      expect(walProgress(file).backfilled).toBe(walProgress(file).frames);
      await writeRows(database, 50);
      await until(
        'the worker started again',
        () => database.checkpointer?.running,
        (running) => running === true,
      );
      await untilCheckpointed(file, 'the new frames were checkpointed');
    } finally {
      await database.close();
    }
  });

  test('closing stops the worker and leaves a consistent file with no WAL', async () => {
    const file = freshFile();
    const database = await scratchDb({
      dialect: 'sqlite',
      file,
      checkpoints: 'background',
      checkpointer: { intervalMs: 10, delayMs: 0 },
    });
    await writeRows(database, 200);
    await until(
      'the worker started',
      () => database.checkpointer?.running,
      (running) => running === true,
    );
    await database.close();
    expect(database.checkpointer?.running).toBe(false);
    // The serving connection closed last, which is only so if the worker's connection had closed: no WAL is left.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = new BunSqlite(file, { readonly: true });
    try {
      expect(reopened.query('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      expect(reopened.query('select count(*) as rows from scratch').get()).toEqual({ rows: 200 });
    } finally {
      reopened.close();
    }
  });

  test('two servers on one file, each with its own worker, checkpoint it without harm', async () => {
    const file = freshFile();
    const options = {
      dialect: 'sqlite',
      file,
      checkpoints: 'background',
      checkpointer: { intervalMs: 5, delayMs: 0 },
    } as const;
    const first = await scratchDb(options);
    const second = createDb(options);
    try {
      for (let round = 0; round < 20; round++) {
        await writeRows(first, 10);
        await writeRows(second, 10);
      }
      const both = () => [first.checkpointer?.running, second.checkpointer?.running];
      await until('both workers started', both, ([one, two]) => one === true && two === true);
      await untilCheckpointed(file, 'the workers checkpointed every frame');
    } finally {
      await first.close();
      await second.close();
    }
    expect(existsSync(`${file}-wal`)).toBe(false);
    const reopened = new BunSqlite(file, { readonly: true });
    try {
      expect(reopened.query('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      expect(reopened.query('select count(*) as rows from scratch').get()).toEqual({ rows: 400 });
    } finally {
      reopened.close();
    }
  });

  test('positive control: a connection still open keeps the WAL when the serving one closes', async () => {
    const file = freshFile();
    const database = await scratchDb({ dialect: 'sqlite', file });
    await writeRows(database, 20);
    const other = new BunSqlite(file);
    other.query('select count(*) from scratch').get();
    await database.close();
    expect(existsSync(`${file}-wal`)).toBe(true);
    other.close();
  });
});
