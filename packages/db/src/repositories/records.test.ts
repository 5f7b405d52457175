import { afterEach, beforeEach, describe, expect, test } from 'bun:test';
import { CompiledQuery, sql } from 'kysely';
import { codecs } from '../table-codecs.ts';
import { openTestDb, type TestDb } from '../testing.ts';
import { countRows, insertRow, type RowQuery, rowsSelection, selectRows } from './objects.ts';
import { recordOutcomeIs } from './records.ts';

let testDb: TestDb;
beforeEach(async () => {
  testDb = await openTestDb();
});
afterEach(() => testDb.dispose());

const stored = [
  {
    name: 'r1',
    owner: 'acme',
    action: 'login',
    createdTime: '2026-11-19T23:59:59Z',
    statusCode: 200,
    response: '{"status":"ok","msg":""}',
  },
  {
    name: 'r2',
    owner: 'acme',
    action: 'login',
    createdTime: '2026-11-20T00:00:00Z',
    statusCode: 200,
    response: '{"status":"error","msg":"The username or password is wrong."}',
  },
  {
    name: 'r3',
    owner: 'acme',
    action: 'add-user',
    createdTime: '2026-11-20T10:00:00Z',
    statusCode: 200,
    response: '{"status":"ok","msg":"","data":"Affected"}',
  },
  { name: 'r4', owner: 'acme', action: 'login', createdTime: '2026-11-21T00:00:00Z', statusCode: 400, response: '' },
  {
    name: 'r5',
    owner: 'globex',
    action: 'login',
    createdTime: '2026-11-20T12:00:00Z',
    statusCode: 200,
    response: '{"status":"error","msg":"no"}',
  },
];

async function names(query: Omit<RowQuery, 'table'>) {
  const full = { table: 'record' as const, ...query, sort: { column: 'createdTime', direction: 'asc' as const } };
  const rows = await selectRows(testDb.db, testDb.dialect, full);
  expect(await countRows(testDb.db, testDb.dialect, full)).toBe(rows.length);
  return rows.map((row) => row.name);
}

describe('audit record filters', () => {
  test('by outcome, action and time, combined, within one organization', async () => {
    for (const record of stored) await insertRow(testDb.db, 'record', codecs.record.encode(record));
    const acme = { owner: 'acme' };
    expect(await names({ key: acme, conditions: [recordOutcomeIs('error')] })).toEqual(['r2', 'r4']);
    expect(await names({ key: acme, conditions: [recordOutcomeIs('ok')] })).toEqual(['r1', 'r3']);
    expect(await names({ key: { ...acme, action: 'login' }, conditions: [recordOutcomeIs('ok')] })).toEqual(['r1']);
    const day = [
      { column: 'createdTime', match: 'atLeast' as const, value: '2026-11-20' },
      { column: 'createdTime', match: 'below' as const, value: '2026-11-21' },
    ];
    expect(await names({ key: acme, filters: day })).toEqual(['r2', 'r3']);
    expect(await names({ key: acme, filters: day, conditions: [recordOutcomeIs('error')] })).toEqual(['r2']);
    expect(await names({ filters: day, conditions: [recordOutcomeIs('error')] })).toEqual(['r2', 'r5']);
  });

  test('the outcome and action filters of one organization read their indexes', async () => {
    const queries = {
      record_owner_outcome_time: { key: { owner: 'acme' }, conditions: [recordOutcomeIs('error')] },
      record_owner_action_time: { key: { owner: 'acme', action: 'login' } },
    };
    for (const [index, query] of Object.entries(queries)) {
      const compiled = rowsSelection(testDb.db, testDb.dialect, {
        table: 'record',
        ...query,
        sort: { column: 'createdTime', direction: 'desc' },
        page: { offset: 0, limit: 20 },
      }).compile();
      if (testDb.dialect === 'sqlite') {
        const plan = await testDb.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
        );
        expect(plan.rows.map((row) => row.detail).join('\n')).toContain(index);
        continue;
      }
      await testDb.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        await sql`set local enable_bitmapscan = off`.execute(trx);
        const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
        );
        expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain(index);
      });
    }
  });
});
