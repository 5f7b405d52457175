// biome-ignore-all lint/suspicious/noExplicitAny: these tests make their own tables; Kysely<any> is Kysely's type for a database with no declared schema.
import { Database } from 'bun:sqlite';
import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { bunSqliteDialect } from './sqlite-dialect.ts';

let db: Kysely<any> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

function open() {
  db = new Kysely<any>({ dialect: bunSqliteDialect(new Database(':memory:')) });
  return db;
}

describe('the SQLite dialect', () => {
  test('many concurrent queries all get their own answers', async () => {
    const kysely = open();
    await kysely.schema.createTable('item').addColumn('id', 'integer').execute();
    await Promise.all(Array.from({ length: 50 }, (_, id) => kysely.insertInto('item').values({ id }).execute()));
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        kysely
          .selectFrom('item')
          .select('id')
          .where('id', '=', i % 50)
          .executeTakeFirst(),
      ),
    );
    expect(answers.map((row) => row?.id)).toEqual(Array.from({ length: 200 }, (_, i) => i % 50));
  });

  test('a transaction holds the connection: queries sent meanwhile wait for it and see only what it committed', async () => {
    const kysely = open();
    await kysely.schema.createTable('item').addColumn('id', 'integer').execute();
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const transaction = kysely
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('item').values({ id: 1 }).execute();
        inside();
        await Bun.sleep(30);
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    await started;
    const count = await sql<{ n: number }>`select count(*) as n from item`.execute(kysely);
    expect(count.rows[0]!.n).toBe(0);
    expect(await transaction).toBe('roll back');
  });

  test('a transaction takes the write lock when it begins, so a writer in another connection waits for it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'latchkey-immediate-'));
    let other: Database | undefined;
    try {
      const file = join(folder, 'db.sqlite');
      const own = new Database(file);
      own.exec('PRAGMA journal_mode = WAL');
      db = new Kysely<any>({ dialect: bunSqliteDialect(own) });
      await db.schema.createTable('item').addColumn('id', 'integer').execute();
      other = new Database(file);
      other.exec('PRAGMA busy_timeout = 0');
      const otherWrites = () => other?.exec('insert into item (id) values (2)');
      await db.transaction().execute(async (trx) => {
        // Nothing written yet, only read: the lock is already held.
        await trx.selectFrom('item').selectAll().execute();
        expect(otherWrites).toThrow('database is locked');
        await trx.insertInto('item').values({ id: 1 }).execute();
      });
      // Positive control: once the transaction is over, the other connection writes.
      otherWrites();
      expect((await db.selectFrom('item').select('id').orderBy('id').execute()).map((row) => row.id)).toEqual([1, 2]);
    } finally {
      other?.close();
      await db?.destroy();
      db = undefined;
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('the same statement text is compiled once and reused', async () => {
    const database = new Database(':memory:');
    const compiled: string[] = [];
    const query = database.query.bind(database);
    database.query = ((text: string) => {
      const statement = query(text);
      if (!compiled.includes(text) || statement !== query(text)) compiled.push(text);
      return statement;
    }) as typeof database.query;
    db = new Kysely<any>({ dialect: bunSqliteDialect(database) });
    for (let i = 0; i < 3; i++)
      expect((await sql<{ v: number }>`select ${i} + 1 as v`.execute(db)).rows[0]!.v).toBe(i + 1);
    expect(compiled).toEqual(['select ? + 1 as v']);
  });

  test('migrations run in one transaction: when one stops part-way, as in a killed process, no table of the run is left', async () => {
    const kysely = open();
    const migrations = {
      '1_first': {
        up: async (db: Kysely<any>) => void (await db.schema.createTable('first').addColumn('id', 'integer').execute()),
      },
      '2_stopped': {
        up: async (db: Kysely<any>) => {
          await db.schema.createTable('second').addColumn('id', 'integer').execute();
          throw new Error('stopped part-way');
        },
      },
    };
    const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
    expect(String((await migrator.migrateToLatest()).error)).toContain('stopped part-way');
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name in ('first', 'second')`.execute(kysely);
    expect(tables.rows).toEqual([]);
    const applied = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(kysely);
    expect(applied.rows[0]!.n).toBe(0);
  });
});
