import { Database as BunSqlite } from 'bun:sqlite';
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type ChangedTable, ChangeFeed, changedTable, sqliteProcessChanges } from './change-feed.ts';
import { changeFeedOf, createDb, type Db } from './create-db.ts';
import { migrateToLatest } from './migrate.ts';
import { testPostgresUrl } from './testing/test-db.ts';

describe('which statements change remembered rows', () => {
  test.each([
    ['update "token" set "expiresIn" = $1 where "name" = $2', 'token'],
    ['UPDATE token SET expiresIn = 0', 'token'],
    ['delete from "user" where "owner" = ?', 'user'],
    [
      'insert into "application" ("name") values (?) on conflict ("name") do update set "name" = excluded."name"',
      'application',
    ],
    ['insert or replace into cert (name) values (?)', 'cert'],
    ['truncate "organization"', 'organization'],
    ['insert into "role" ("owner", "name") values (?, ?)', 'role'],
    ['insert into "permission" ("owner", "name") values (?, ?), (?, ?)', 'permission'],
    ['update "group" set "displayName" = ? where "owner" = ?', 'group'],
    ['delete from "role" where "owner" = ?', 'role'],
  ])('%s → %s', (text, table) => expect<ChangedTable | undefined>(changedTable(text)).toBe(table as ChangedTable));

  test.each([
    'insert into "token" ("name") values (?)',
    'select * from "token"',
    'update "session" set "expiresAt" = 0',
    'delete from "record"',
    'insert into "user" ("name") values (?) on conflict do nothing',
    'update "tokens_archive" set x = 1',
  ])('%s → nothing', (sql) => expect(changedTable(sql)).toBeUndefined());
});

describe.skipIf(testPostgresUrl !== undefined)('SQLite: this process and another one writing the same file', () => {
  let folder: string;
  let db: Db;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'latchkey-feed-'));
    db = createDb({ dialect: 'sqlite', file: join(folder, 'latchkey.db') });
    await migrateToLatest(db.db);
  });
  afterAll(async () => {
    await db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('own writes are told as they happen (and on commit); another process’s by the next look', async () => {
    const told: string[] = [];
    changeFeedOf(db.db)!.subscribe((table) => told.push(table));
    await sql`insert into organization (owner, name) values ('admin', 'here')`.execute(db.db);
    expect(told).toEqual([]);
    await db.db.updateTable('organization').set({ displayName: 'Renamed here' }).where('name', '=', 'here').execute();
    expect(told).toEqual(['organization']);
    await db.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('user').where('name', '=', 'nobody').execute();
      expect(told).toEqual(['organization', 'user']);
    });
    expect(told).toEqual(['organization', 'user', 'user']);
    // A transaction that rolls back is told as it writes, not again.
    await db.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('cert').set({ displayName: 'x' }).execute();
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(told).toEqual(['organization', 'user', 'user', 'cert']);
    changeFeedOf(db.db)!.look();
    expect(told).toHaveLength(4);

    const other = new BunSqlite(join(folder, 'latchkey.db'));
    try {
      other.run("insert into organization (owner, name) values ('admin', 'from-elsewhere')");
    } finally {
      other.close();
    }
    // Looks within a millisecond of the last one read nothing: look until the write is told, for at most a second.
    const deadline = performance.now() + 1000;
    while (told.length === 4 && performance.now() < deadline) changeFeedOf(db.db)!.look();
    expect(told).toEqual(['organization', 'user', 'user', 'cert', '*']);
  });

  test('a look within the interval of the last one reads nothing; the first after it notices the write', () => {
    const file = join(folder, 'latchkey.db');
    const own = new BunSqlite(file);
    let clock = 0;
    const feed = new ChangeFeed(sqliteProcessChanges(own, 1, () => clock));
    const told: ChangedTable[] = [];
    feed.subscribe((table) => told.push(table));
    const other = new BunSqlite(file);
    try {
      other.run("insert into organization (owner, name) values ('admin', 'interval-1')");
      clock = 0.5;
      feed.look();
      expect(told).toEqual([]);
      clock = 1;
      feed.look();
      expect(told).toEqual(['*']);
      feed.look();
      clock = 5;
      feed.look();
      expect(told).toEqual(['*']);
      other.run("insert into organization (owner, name) values ('admin', 'interval-2')");
      clock = 5.5;
      feed.look();
      expect(told).toEqual(['*']);
      clock = 6;
      feed.look();
      expect(told).toEqual(['*', '*']);
    } finally {
      other.close();
      own.close();
    }
  });
});
