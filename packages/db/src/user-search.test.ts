import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { CompiledQuery, sql } from 'kysely';
import { countRows, deleteRows, insertRow, rowsSelection, selectRows, updateRows } from './repositories/objects.ts';
import { codecs } from './table-codecs.ts';
import { openTestDb, type TestDb } from './testing.ts';

let testDb: TestDb;
beforeEach(async () => {
  testDb = await openTestDb();
});
afterEach(() => testDb.dispose());

interface Person {
  owner: string;
  name: string;
  displayName: string;
  email: string;
  phone: string;
}

const people: Person[] = [
  { owner: 'acme', name: 'alice', displayName: 'Alice Liddell', email: 'alice@wonder.example', phone: '+15550001' },
  { owner: 'acme', name: 'bob', displayName: 'Bob "the" Builder', email: 'BOB@build.example', phone: '+15550002' },
  { owner: 'acme', name: 'carol_1', displayName: '100% Carol', email: 'carol@wonder.example', phone: '+44 20 7946' },
  { owner: 'acme', name: 'dave', displayName: 'Dåve Ünïcode', email: 'd\\ave@x.example', phone: '' },
  { owner: 'globex', name: 'alice', displayName: 'Other Alice', email: 'alice@globex.example', phone: '+15550001' },
];

const insertPerson = (person: Person) =>
  insertRow(testDb.db, 'user', codecs.user.encode({ ...person, id: `${person.owner}/${person.name}` }));

/** ASCII letters folded to lower case, the case both dialects ignore (Postgres ignores more). */
const folded = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/** What a case-insensitive substring search must find, worked out without the database. */
const expected = (rows: Person[], owner: string, column: keyof Person, value: string) =>
  rows
    .filter((row) => row.owner === owner && folded(row[column]).includes(folded(value)))
    .map((row) => row.name)
    .sort();

const search = async (owner: string, column: keyof Person, value: string) => {
  const query = {
    table: 'user' as const,
    key: { owner },
    filters: [{ column, match: 'contains' as const, value }],
  };
  const rows = await selectRows(testDb.db, testDb.dialect, { ...query, sort: { column: 'name', direction: 'asc' } });
  const total = await countRows(testDb.db, testDb.dialect, query);
  return { names: rows.map((row) => row.name as string), total };
};

/** The same search over every organization (no owner named), as `owner/name`. */
const searchEverywhere = async (column: keyof Person, value: string) => {
  const query = { table: 'user' as const, filters: [{ column, match: 'contains' as const, value }] };
  const rows = await selectRows(testDb.db, testDb.dialect, { ...query, sort: { column: 'name', direction: 'asc' } });
  const total = await countRows(testDb.db, testDb.dialect, query);
  return { names: rows.map((row) => `${row.owner}/${row.name}`).sort(), total };
};

const expectedEverywhere = (rows: Person[], column: keyof Person, value: string) =>
  rows
    .filter((row) => folded(row[column]).includes(folded(value)))
    .map((row) => `${row.owner}/${row.name}`)
    .sort();

const probes: [keyof Person, string][] = [
  ['name', 'ali'],
  ['name', 'ALI'],
  ['name', 'l_1'],
  ['name', 'ol_'],
  ['name', 'a'],
  ['displayName', 'the" B'],
  ['displayName', '0% C'],
  ['displayName', '%'],
  ['displayName', 'Ünï'],
  ['displayName', 'åVE'],
  ['email', 'wonder'],
  ['email', 'bob@'],
  ['email', 'd\\av'],
  ['email', '@'],
  ['phone', '555000'],
  ['phone', '20 79'],
  ['phone', 'nothing like it'],
];

describe('user substring search served by the trigram index', () => {
  test('finds exactly what a plain substring match finds, page and total, through inserts, updates, moves and deletes', async () => {
    const rows = people.map((person) => ({ ...person }));
    for (const person of rows) await insertPerson(person);
    const check = async (stage: string) => {
      for (const owner of ['acme', 'globex']) {
        for (const [column, value] of probes) {
          const want = expected(rows, owner, column, value);
          const got = await search(owner, column, value);
          expect({ stage, owner, column, value, ...got }).toEqual({
            stage,
            owner,
            column,
            value,
            names: want,
            total: want.length,
          });
        }
      }
      for (const [column, value] of probes) {
        const want = expectedEverywhere(rows, column, value);
        expect({ stage, column, value, ...(await searchEverywhere(column, value)) }).toEqual({
          stage,
          column,
          value,
          names: want,
          total: want.length,
        });
      }
    };
    await check('inserted');
    // Positive control: the probes do find people, in one organization and in all of them.
    expect((await search('acme', 'email', 'wonder')).names).toEqual(['alice', 'carol_1']);
    expect((await searchEverywhere('name', 'alice')).names).toEqual(['acme/alice', 'globex/alice']);

    await updateRows(testDb.db, 'user', { owner: 'acme', name: 'bob' }, { email: 'robert@wonder.example' });
    rows[1]!.email = 'robert@wonder.example';
    await updateRows(testDb.db, 'user', { owner: 'acme', name: 'alice' }, { name: 'alicia', displayName: 'Alicia' });
    rows[0]!.name = 'alicia';
    rows[0]!.displayName = 'Alicia';
    await updateRows(testDb.db, 'user', { owner: 'acme', name: 'dave' }, { owner: 'globex' });
    rows[3]!.owner = 'globex';
    await deleteRows(testDb.db, 'user', { owner: 'acme', name: 'carol_1' });
    rows.splice(2, 1);
    await check('changed');
    expect((await search('acme', 'email', 'wonder')).names).toEqual(['alicia', 'bob']);
    expect((await search('globex', 'displayName', 'Ünï')).names).toEqual(['dave']);
  });

  test('text that looks like search syntax is matched literally', async () => {
    for (const person of people) await insertPerson(person);
    for (const value of ['" OR "', 'NEAR(a b)', 'alice*', '^ali', 'name : x', '"', '""""']) {
      const got = await search('acme', 'name', value);
      expect({ value, ...got }).toEqual({ value, names: [], total: 0 });
    }
  });

  test('a search of three characters or more reads the index, not the whole organization, even when sorted', async () => {
    for (const person of people) await insertPerson(person);
    const query = {
      table: 'user' as const,
      key: { owner: 'acme' },
      filters: [{ column: 'email', match: 'contains' as const, value: 'wonder' }],
      sort: { column: 'createdTime', direction: 'desc' as const },
      page: { offset: 0, limit: 20 },
    };
    const compiled = rowsSelection(testDb.db, testDb.dialect, query).compile();
    if (testDb.dialect === 'sqlite') {
      const plan = await testDb.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      const details = plan.rows.map((row) => row.detail).join('\n');
      // The index is read once for the organization's names.
      expect(details.match(/VIRTUAL TABLE INDEX/g)).toHaveLength(1);
      // The user rows are looked up by key, not walked in the organization's createdTime order.
      expect(details).toContain('(owner=? AND name=?)');
      expect(details).not.toContain('user_owner_created_time');
      // Over every organization, the index still names the rows.
      const { key: _owner, ...everywhere } = query;
      const compiledEverywhere = rowsSelection(testDb.db, testDb.dialect, everywhere).compile();
      const planEverywhere = await testDb.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiledEverywhere.sql}`, [...compiledEverywhere.parameters]),
      );
      const detailsEverywhere = planEverywhere.rows.map((row) => row.detail).join('\n');
      expect(detailsEverywhere).toContain('VIRTUAL TABLE INDEX');
      expect(detailsEverywhere).not.toContain('SCAN user');
      return;
    }
    await testDb.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const plan = await sql<{
        'QUERY PLAN': string;
      }>`explain select * from "user" where "email" ilike ${'%wonder%'}`.execute(trx);
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('user_email_trigram');
    });
  });
});
