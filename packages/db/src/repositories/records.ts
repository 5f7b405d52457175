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
