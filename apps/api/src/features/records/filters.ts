import { type RecordOutcome, type RowCondition, type RowFilter, recordOutcomeIs } from '@latchkey/db';
import { type Static, Type as T } from '@sinclair/typebox';
import { formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';

/** The audit log's own filters, beyond Casdoor's one `field`/`value` (see docs/compatibility.md). */
export const RecordFilterQuery = T.Object({
  outcome: T.Optional(
    T.String({ description: 'ok: calls that succeeded; error: calls refused or failed (a wrong password, say)' }),
  ),
  action: T.Optional(
    T.String({ description: 'Only records of this action (login, add-user …); combines with field/value' }),
  ),
  from: T.Optional(
    T.String({
      description: 'Only records created at or after this UTC date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM:SSZ)',
    }),
  ),
  to: T.Optional(
    T.String({
      description: 'Only records created up to this UTC date (the whole day) or time (that second included)',
    }),
  ),
});
export type RecordFilterQuery = Static<typeof RecordFilterQuery>;

const outcomes: readonly RecordOutcome[] = ['ok', 'error'];
const DATE = /^\d{4}-\d\d-\d\d$/;
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const MAX_ACTION_LENGTH = 100;

/** A date or UTC time of the query as a Date, refusing anything else (a 31st of February too). */
function instantOf(raw: string, name: string): { at: Date; wholeDay: boolean } {
  const wholeDay = DATE.test(raw);
  if (!wholeDay && !TIME.test(raw)) throw new ApiError('general.invalid_parameter', { name });
  const at = new Date(wholeDay ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(at.getTime()) || formatTime(at) !== (wholeDay ? `${raw}T00:00:00Z` : raw))
    throw new ApiError('general.invalid_parameter', { name });
  return { at, wholeDay };
}

/**
 * The conditions the filters add: an outcome, one action, and a time range on createdTime (stored
 * as UTC text, so that comparing text compares times). Every value reaches SQL bound.
 */
export function recordFilters(query: RecordFilterQuery): { filters: RowFilter[]; conditions: RowCondition[] } {
  const filters: RowFilter[] = [];
  const conditions: RowCondition[] = [];
  if (query.outcome) {
    if (!outcomes.includes(query.outcome as RecordOutcome))
      throw new ApiError('general.invalid_parameter', { name: 'outcome' });
    conditions.push(recordOutcomeIs(query.outcome as RecordOutcome));
  }
  if (query.action) {
    if (query.action.length > MAX_ACTION_LENGTH) throw new ApiError('general.invalid_parameter', { name: 'action' });
    filters.push({ column: 'action', match: 'equals', value: query.action });
  }
  if (query.from) {
    const { at } = instantOf(query.from, 'from');
    filters.push({ column: 'createdTime', match: 'atLeast', value: formatTime(at) });
  }
  if (query.to) {
    const { at, wholeDay } = instantOf(query.to, 'to');
    const end = new Date(at.getTime() + (wholeDay ? 86_400_000 : 1000));
    filters.push({ column: 'createdTime', match: 'below', value: formatTime(end) });
  }
  return { filters, conditions };
}
