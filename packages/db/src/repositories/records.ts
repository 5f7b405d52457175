import { type Expression, type SqlBool, sql } from 'kysely';
import type { RowCondition } from './objects.ts';

/** How a recorded call ended: `ok`, or `error` (refused, failed, or a wrong password). */
export type RecordOutcome = 'ok' | 'error';

/**
 * The outcome of a stored record: `error` when its status code is 400 or more or its answer's
 * status is "error" (every answer in the envelope has status code 200). Written literally, exactly
 * as in the index of migration 0890, so that both databases read that index.
 */
const outcomeOfRecord = sql.raw(
  `(case when "statusCode" >= 400 or "response" like '%"status":"error"%' then 'error' else 'ok' end)`,
);

/** Records whose outcome is this one (see outcomeOfRecord). */
export function recordOutcomeIs(outcome: RecordOutcome): RowCondition {
  return { table: 'record', sql: sql<SqlBool>`${outcomeOfRecord} = ${outcome}` as Expression<SqlBool> };
}

/**
 * Records that come after this one newest first (by creation time, then name): the next page of
 * an export that reads the log in pages, whatever is written meanwhile.
 */
export function recordsOlderThan(last: { createdTime: string; name: string }): RowCondition {
  return {
    table: 'record',
    sql: sql<SqlBool>`(${sql.ref('createdTime')} < ${last.createdTime} or (${sql.ref('createdTime')} = ${last.createdTime} and ${sql.ref('name')} < ${last.name}))`,
  };
}
