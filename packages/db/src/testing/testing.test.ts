import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../create-db.ts';
import { migrateToLatest, migrations } from '../migrate.ts';
import { deleteRows, insertRow, updateRows } from '../repositories/objects.ts';
import { codecs } from '../table-codecs.ts';
import { tableFingerprints } from './fingerprints.ts';
import { rowsOfOrganization } from './organization-rows.ts';
import { appliedMigrations, migrationTableExists, openServerDatabase, sqliteIntegrity } from './server-database.ts';
import { countStoredRows, storedRow, storedRows } from './stored-rows.ts';
import { createPostgresDatabase, openTestDb, type TestDb, testPostgresUrl } from './test-db.ts';

let testDb: TestDb;
beforeEach(async () => {
  testDb = await openTestDb();
});
afterEach(() => testDb.dispose());

const user = (owner: string, name: string, fields: Partial<ReturnType<typeof codecs.user.decode>> = {}) =>
  codecs.user.encode({ owner, name, id: `${owner}-${name}`, createdTime: name, ...fields });

describe('stored rows', () => {
  test('rows are found by the values of their columns, a list meaning any of its values, in the order asked', async () => {
    const { db } = testDb;
    for (const [owner, name] of [
      ['acme', 'c'],
      ['acme', 'a'],
      ['globex', 'b'],
    ] as const)
      await insertRow(db, 'user', user(owner, name, { isAdmin: name === 'a' }));
    expect((await storedRows(db, 'user', {}, ['name'])).map((row) => row.name)).toEqual(['a', 'b', 'c']);
    expect((await storedRows(db, 'user', { owner: 'acme' }, ['name'])).map((row) => row.name)).toEqual(['a', 'c']);
    expect(
      (await storedRows(db, 'user', { name: ['b', 'c'] }, ['owner', 'name'])).map((row) => `${row.owner}/${row.name}`),
    ).toEqual(['acme/c', 'globex/b']);
    expect(await storedRows(db, 'user', { name: [] })).toEqual([]);
    // As stored: booleans as 0/1.
    expect((await storedRow(db, 'user', { owner: 'acme', name: 'a' })).isAdmin).toBe(1);
    expect(await countStoredRows(db, 'user')).toBe(3);
    expect(await countStoredRows(db, 'user', { owner: 'acme' })).toBe(2);
    expect(await countStoredRows(db, 'user', { owner: 'nobody' })).toBe(0);
    expect(await countStoredRows(db, 'user', { name: [] })).toBe(0);
  });

  test('one row is one row: none or several is an error, and so is a column the table does not have', async () => {
    const { db } = testDb;
    await insertRow(db, 'user', user('acme', 'a'));
    await insertRow(db, 'user', user('globex', 'a'));
    await expect(storedRow(db, 'user', { name: 'a' })).rejects.toThrow('2 rows of user match');
    await expect(storedRow(db, 'user', { name: 'nobody' })).rejects.toThrow('0 rows of user match');
    await expect(storedRows(db, 'user', { nickname: 'x' } as never)).rejects.toThrow(
      'table user has no column nickname',
    );
    await expect(storedRows(db, 'user', { name: undefined })).rejects.toThrow('no value given for user.name');
  });
});

describe('table fingerprints', () => {
  test('a fingerprint changes with any write, except to the columns and rows left out', async () => {
    const { db, dialect } = testDb;
    await insertRow(db, 'user', user('acme', 'a'));
    const leftOut = { columns: { user: ['signinWrongTimes'] }, rows: { object_count: { tableName: 'user' } } };
    const look = () => tableFingerprints(db, dialect, ['user', 'object_count', 'session'], leftOut);
    const before = await look();
    expect(before.user).toStartWith('1:');
    expect(before.session).toStartWith('0:');
    expect(before.object_count).toStartWith('0:');

    await updateRows(db, 'user', { owner: 'acme', name: 'a' }, { signinWrongTimes: 3 });
    expect(await look()).toEqual(before);
    // Positive control: any other column, and a new row, are seen.
    await updateRows(db, 'user', { owner: 'acme', name: 'a' }, { displayName: 'A' });
    const renamed = await look();
    expect(renamed.user).not.toBe(before.user);
    expect(renamed.object_count).toBe(before.object_count);
    await insertRow(db, 'user', user('acme', 'b'));
    expect((await look()).user).toStartWith('2:');
  });
});

describe('rows of an organization', () => {
  test('rows owned by the organization or naming it or an id within it; none of another whose name begins alike', async () => {
    const { db } = testDb;
    await insertRow(db, 'user', user('acme', 'a'));
    await insertRow(db, 'user', user('acme-two', 'b'));
    await insertRow(db, 'casbin_rule', {
      id: '1',
      adapter: 'acme/rules',
      ptype: 'p',
      v0: 'x',
      v1: '',
      v2: '',
      v3: '',
      v4: '',
      v5: '',
    });
    await insertRow(db, 'casbin_rule', {
      id: '2',
      adapter: 'acme-two/rules',
      ptype: 'p',
      v0: 'y',
      v1: '',
      v2: '',
      v3: '',
      v4: '',
      v5: '',
    });
    const rows = await rowsOfOrganization(db, 'acme');
    expect(rows.user?.map((row) => row.name)).toEqual(['a']);
    expect(rows.casbin_rule?.map((row) => row.id)).toEqual(['1']);
    expect(rows.object_count?.map((row) => `${row.tableName}:${row.count}`)).toEqual(['user:1']);
    expect(rows).not.toHaveProperty('rate_limit');
    await deleteRows(db, 'user', { owner: 'acme' });
    expect((await rowsOfOrganization(db, 'acme')).user).toEqual([]);
  });
});

describe('the database of a server process', () => {
  test('a SQLite file is read without being changed; its migrations and integrity are known', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'latchkey-db-'));
    try {
      const file = join(folder, 'latchkey.db');
      const server = createDb({ dialect: 'sqlite', file });
      expect(await migrationTableExists(server)).toBe(false);
      await migrateToLatest(server.db);
      await insertRow(server.db, 'user', user('acme', 'a'));
      await server.close();

      const looked = openServerDatabase({ sqliteFile: file }, { readonly: true });
      try {
        expect(await migrationTableExists(looked)).toBe(true);
        expect(await appliedMigrations(looked.db)).toEqual(Object.keys(migrations).sort());
        expect(await sqliteIntegrity(looked.db)).toBe('ok');
        expect(await countStoredRows(looked.db, 'user')).toBe(1);
        await expect(insertRow(looked.db, 'user', user('acme', 'b'))).rejects.toThrow(/readonly/i);
      } finally {
        await looked.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test.skipIf(!testPostgresUrl)(
    'a Postgres database of its own is created empty, migrated from outside, and dropped',
    async () => {
      const database = await createPostgresDatabase(testPostgresUrl!, 'dbtest');
      const server = openServerDatabase({ postgresUrl: database.url });
      try {
        expect(await migrationTableExists(server)).toBe(false);
        await migrateToLatest(server.db);
        expect(await migrationTableExists(server)).toBe(true);
        expect(await appliedMigrations(server.db)).toEqual(Object.keys(migrations).sort());
      } finally {
        await server.close();
        await database.drop();
      }
      const gone = openServerDatabase({ postgresUrl: database.url });
      try {
        await expect(migrationTableExists(gone)).rejects.toThrow(/does not exist/);
      } finally {
        await gone.close();
      }
    },
  );
});
