import { afterEach, describe, expect, test } from 'bun:test';
import { sql } from 'kysely';
import { migrateToLatest, migrations, pendingMigrations } from './migrate.ts';
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

  test('pendingMigrations names every migration on an empty database, creating nothing, and none once migrated', async () => {
    current = await openTestDb({ migrate: false });
    expect(await pendingMigrations(current.db)).toEqual(Object.keys(migrations));
    expect(await pendingMigrations(current.db)).toEqual(Object.keys(migrations));
    expect(await columnsOf(current, 'kysely_migration')).toEqual([]);
    await migrateToLatest(current.db);
    expect(await pendingMigrations(current.db)).toEqual([]);
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

  test('0982: an account linked to two users of an organization stays with the oldest; then a second link is refused', async () => {
    current = await openTestDb({ migrate: false });
    const { Migrator } = await import('kysely/migration');
    const migrator = new Migrator({ db: current.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0981_provider_tokens')).error).toBeUndefined();
    const user = (owner: string, name: string, createdTime: string, github: string) =>
      ({ owner, name, id: `${owner}-${name}`, createdTime, github }) as never;
    await current.db
      .insertInto('user')
      .values([
        user('acme', 'newer', '2026-02-01T00:00:00Z', '42'),
        user('acme', 'oldest', '2026-01-01T00:00:00Z', '42'),
        user('acme', 'other', '2026-03-01T00:00:00Z', '43'),
        user('beta', 'elsewhere', '2026-03-01T00:00:00Z', '42'),
        user('acme', 'none-1', '2026-03-01T00:00:00Z', ''),
        user('acme', 'none-2', '2026-03-01T00:00:00Z', ''),
      ])
      .execute();
    await migrateToLatest(current.db);
    const rows = await current.db.selectFrom('user').select(['owner', 'name', 'github']).orderBy('id').execute();
    expect(rows.map((row) => `${row.owner}/${row.name}:${row.github}`)).toEqual([
      'acme/newer:',
      'acme/none-1:',
      'acme/none-2:',
      'acme/oldest:42',
      'acme/other:43',
      'beta/elsewhere:42',
    ]);
    await expect(
      current.db.updateTable('user').set({ github: '42' }).where('name', '=', 'other').execute(),
    ).rejects.toThrow();
  });
});
