import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { sql } from 'kysely';
import { codecs } from '../table-codecs.ts';
import { openTestDb, type TestDb } from '../testing.ts';
import { countRows, deleteRows, insertRow, selectRows, updateRows } from './objects.ts';

let testDb: TestDb;
beforeEach(async () => {
  testDb = await openTestDb();
});
afterEach(() => testDb.dispose());

const user = (owner: string, name: string, tag = '') =>
  codecs.user.encode({ owner, name, tag, id: `${owner}-${name}`, createdTime: name });
const realCount = async (owner: string) =>
  Number(
    (await sql<{ count: number }>`select count(*) as count from "user" where "owner" = ${owner}`.execute(testDb.db))
      .rows[0]!.count,
  );

describe('generic rows', () => {
  test('kept counts follow every insert, delete and move, and match a real count', async () => {
    const { db, dialect } = testDb;
    for (const name of ['a', 'b', 'c']) await insertRow(db, 'user', user('acme', name));
    await insertRow(db, 'user', user('globex', 'd'));
    await db
      .insertInto('user')
      .values([user('acme', 'e'), user('acme', 'f')])
      .execute();
    await deleteRows(db, 'user', { owner: 'acme', name: 'b' });
    await updateRows(db, 'user', { owner: 'acme', name: 'c' }, { owner: 'globex' });
    await updateRows(db, 'user', { owner: 'acme', name: 'a' }, { displayName: 'A' });
    for (const owner of ['acme', 'globex', 'nobody'])
      expect(await countRows(db, dialect, { table: 'user', key: { owner } })).toBe(await realCount(owner));
    expect(await countRows(db, dialect, { table: 'user', key: { owner: 'acme' } })).toBe(3);
    expect(await countRows(db, dialect, { table: 'user' })).toBe(5);
    await db.deleteFrom('user').where('owner', '=', 'globex').execute();
    expect(await countRows(db, dialect, { table: 'user', key: { owner: 'globex' } })).toBe(0);
  });

  test('filtered counts and pages match, with values bound and wildcards literal', async () => {
    const { db, dialect } = testDb;
    for (const [name, tag] of [
      ['a', 'red'],
      ['b', 'Red_1'],
      ['c', 'blue'],
      ['d', '%'],
    ])
      await insertRow(db, 'user', user('acme', name!, tag));
    const query = {
      table: 'user' as const,
      key: { owner: 'acme' },
      filters: [{ column: 'tag', match: 'contains' as const, value: 'RED' }],
    };
    expect(await countRows(db, dialect, query)).toBe(2);
    expect(
      (await selectRows(db, dialect, { ...query, sort: { column: 'name', direction: 'asc' } })).map((row) => row.name),
    ).toEqual(['a', 'b']);
    expect(
      await countRows(db, dialect, { ...query, filters: [{ column: 'tag', match: 'contains', value: '%' }] }),
    ).toBe(1);
    expect(
      await countRows(db, dialect, { ...query, filters: [{ column: 'tag', match: 'contains', value: "' or 1=1 --" }] }),
    ).toBe(0);
    const page = await selectRows(db, dialect, {
      table: 'user',
      key: { owner: 'acme' },
      sort: { column: 'createdTime', direction: 'desc' },
      page: { offset: 1, limit: 2 },
    });
    expect(page.map((row) => row.name)).toEqual(['c', 'b']);
  });

  test('a column the table lacks is a programming error, never SQL', async () => {
    expect(
      selectRows(testDb.db, testDb.dialect, {
        table: 'user',
        filters: [{ column: 'nope', match: 'equals', value: 1 }],
      }),
    ).rejects.toThrow('table user has no column nope');
    expect(
      selectRows(testDb.db, testDb.dialect, {
        table: 'user',
        sort: { column: 'name desc; drop table user', direction: 'asc' },
      }),
    ).rejects.toThrow();
  });
});
