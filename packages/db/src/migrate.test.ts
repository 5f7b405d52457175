import { afterEach, describe, expect, test } from 'bun:test';
import { sql } from 'kysely';
import { migrateToLatest, migrations } from './migrate.ts';
import { columnKinds } from './row.ts';
import { tables } from './tables.ts';
import { openTestDb, type TestDb, testPostgresUrl } from './testing.ts';

const dialect = testPostgresUrl ? 'postgres' : 'sqlite';
let current: TestDb | undefined;
afterEach(async () => {
  await current?.dispose();
  current = undefined;
});

async function columnsOf(testDb: TestDb, table: string): Promise<string[]> {
  if (testDb.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(testDb.db);
    return rows.map((row) => row.name).sort();
  }
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns where table_schema = ${testDb.schema!} and table_name = ${table}`.execute(
    testDb.db,
  );
  return rows.map((row) => row.column_name).sort();
}

describe(`migrations on ${dialect}`, () => {
  test('run up from an empty database and create every table with exactly the columns of its schema', async () => {
    current = await openTestDb({ migrate: false });
    const results = await migrateToLatest(current.db);
    expect(results.map((result) => [result.migrationName, result.status])).toEqual(
      Object.keys(migrations).map((name) => [name, 'Success']),
    );
    for (const [table, schema] of Object.entries(tables)) {
      expect({ table, columns: await columnsOf(current, table) }).toEqual({
        table,
        columns: Object.keys(columnKinds(schema)).sort(),
      });
    }
  });

  test('a second run changes nothing', async () => {
    current = await openTestDb();
    expect(await migrateToLatest(current.db)).toEqual([]);
  });

  test('run down to empty and up again', async () => {
    current = await openTestDb();
    const { Migrator, NO_MIGRATIONS } = await import('kysely/migration');
    const migrator = new Migrator({ db: current.db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateTo(NO_MIGRATIONS);
    expect(error).toBeUndefined();
    expect(await columnsOf(current, 'user')).toEqual([]);
    expect((await migrateToLatest(current.db)).length).toBe(Object.keys(migrations).length);
  });

  test('owner/name is unique', async () => {
    current = await openTestDb();
    await current.db
      .insertInto('role')
      .values({ owner: 'acme', name: 'reader' } as never)
      .execute();
    expect(
      current.db
        .insertInto('role')
        .values({ owner: 'acme', name: 'reader' } as never)
        .execute(),
    ).rejects.toThrow();
  });
});
