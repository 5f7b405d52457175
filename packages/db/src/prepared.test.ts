import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { executePrepared, selectPrepared } from './prepared.ts';
import { codecs } from './table-codecs.ts';
import { openTestDb, type TestDb } from './testing.ts';

let testDb: TestDb;
beforeEach(async () => {
  testDb = await openTestDb();
});
afterEach(() => testDb.dispose());

const user = (owner: string, name: string) =>
  codecs.user.encode({ owner, name, id: `${owner}-${name}`, createdTime: name });

describe('prepared statements', () => {
  test('bind each parameter to its own placeholder, on the database and in a transaction', async () => {
    const { db } = testDb;
    await executePrepared(db, 'insert into "user" ("owner", "name", "id", "createdTime") values (?, ?, ?, ?)', [
      'acme',
      'alice',
      'acme-alice',
      'alice',
    ]);
    await db.insertInto('user').values(user('acme', 'bob')).execute();
    await db.insertInto('user').values(user('other', 'alice')).execute();
    const text = 'select "owner", "name" from "user" where "owner" = ? and "name" = ?';
    expect(await selectPrepared(db, text, ['acme', 'alice'])).toEqual([{ owner: 'acme', name: 'alice' }]);
    // The same text again (made ready once) with other values; and a row that matches one value only is not found.
    expect(await selectPrepared(db, text, ['other', 'alice'])).toEqual([{ owner: 'other', name: 'alice' }]);
    expect(await selectPrepared(db, text, ['other', 'bob'])).toEqual([]);
    const inTransaction = await db.transaction().execute((trx) => selectPrepared(trx, text, ['acme', 'bob']));
    expect(inTransaction).toEqual([{ owner: 'acme', name: 'bob' }]);
  });

  test('a value is bound, never read as SQL', async () => {
    const { db } = testDb;
    await db.insertInto('user').values(user('acme', 'alice')).execute();
    expect(await selectPrepared(db, 'select "name" from "user" where "owner" = ?', ["acme' or '1'='1"])).toEqual([]);
    expect(await selectPrepared(db, 'select "name" from "user" where "owner" = ?', ['acme'])).toEqual([
      { name: 'alice' },
    ]);
  });
});
