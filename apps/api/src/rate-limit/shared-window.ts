import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { decide, type RateDecision } from './sliding-window.ts';

export interface SharedWindowRequest {
  bucket: string;
  key: string;
  limit: number;
  windowMs: number;
  nowMs: number;
}

/** Whether one more count of `key` would be within the limit, counting nothing. */
export async function peekSharedRateLimit(context: Pick<AppContext, 'db'>, request: SharedWindowRequest): Promise<RateDecision> {
  const { bucket, key, limit, windowMs, nowMs } = request;
  const windowIndex = Math.floor(nowMs / windowMs);
  const rows = await context.db
    .selectFrom('rate_limit')
    .select(['windowIndex', 'count'])
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('windowIndex', 'in', [windowIndex - 1, windowIndex])
    .execute();
  const countIn = (index: number) => Number(rows.find((row) => Number(row.windowIndex) === index)?.count ?? 0);
  const windowStart = windowIndex * windowMs;
  const overlap = 1 - (nowMs - windowStart) / windowMs;
  return decide(countIn(windowIndex - 1) * overlap + countIn(windowIndex), limit, windowStart, windowMs, nowMs);
}

/** Counts one for `key` in the current window, whatever the limit (a failure that happened). */
export async function addSharedRateLimit(context: Pick<AppContext, 'db'>, request: Omit<SharedWindowRequest, 'limit'>): Promise<void> {
  const { bucket, key, windowMs, nowMs } = request;
  await context.db
    .insertInto('rate_limit')
    .values({ bucket, key, windowIndex: Math.floor(nowMs / windowMs), count: 1 })
    .onConflict((conflict) => conflict.columns(['bucket', 'key', 'windowIndex']).doUpdateSet({ count: sql`${sql.ref('rate_limit.count')} + 1` }))
    .execute();
}

/** Takes back one counted at `countedAtMs` (a reservation that turned out not to be needed). */
export async function removeSharedRateLimit(context: Pick<AppContext, 'db'>, request: Omit<SharedWindowRequest, 'limit'>): Promise<void> {
  const { bucket, key, windowMs, nowMs } = request;
  await context.db
    .updateTable('rate_limit')
    .set({ count: sql`${sql.ref('count')} - 1` })
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('windowIndex', '=', Math.floor(nowMs / windowMs))
    .where('count', '>', 0)
    .execute();
}

/**
 * The sliding-window counter of sliding-window.ts, kept in the database (table rate_limit) so that
 * every server on it counts together: a client that spreads its attempts over several nodes gets
 * no more than from one. The count is raised first and the decision made on the raised count (the
 * row is locked meanwhile), so requests arriving at once cannot all pass on the same old count; a
 * refused request is taken back out. Counts older than the previous window are removed by the
 * periodic clean-up (housekeeping/).
 */
export async function takeSharedRateLimit(context: Pick<AppContext, 'db'>, request: SharedWindowRequest): Promise<RateDecision> {
  const { bucket, key, limit, windowMs, nowMs } = request;
  const windowIndex = Math.floor(nowMs / windowMs);
  const raised = await context.db
    .insertInto('rate_limit')
    .values({ bucket, key, windowIndex, count: 1 })
    .onConflict((conflict) => conflict.columns(['bucket', 'key', 'windowIndex']).doUpdateSet({ count: sql`${sql.ref('rate_limit.count')} + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  const previous = await context.db
    .selectFrom('rate_limit')
    .select('count')
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('windowIndex', '=', windowIndex - 1)
    .executeTakeFirst();
  const windowStart = windowIndex * windowMs;
  const overlap = 1 - (nowMs - windowStart) / windowMs;
  const decision = decide(Number(previous?.count ?? 0) * overlap + Number(raised.count) - 1, limit, windowStart, windowMs, nowMs);
  if (!decision.allowed) await removeSharedRateLimit(context, request);
  return decision;
}
