import { findRateLimitCount, findRateLimitCounts, lowerRateLimitCount, raiseRateLimitCount } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { decide, type RateDecision } from './sliding-window.ts';

export interface SharedWindowRequest {
  bucket: string;
  key: string;
  limit: number;
  windowMs: number;
  nowMs: number;
}

/** Whether one more count of `key` would be within the limit, counting nothing. */
export async function peekSharedRateLimit(
  context: Pick<AppContext, 'db'>,
  request: SharedWindowRequest,
): Promise<RateDecision> {
  const { bucket, key, limit, windowMs, nowMs } = request;
  const windowIndex = Math.floor(nowMs / windowMs);
  const rows = await findRateLimitCounts(context.db, bucket, key, [windowIndex - 1, windowIndex]);
  const countIn = (index: number) => rows.find((row) => row.windowIndex === index)?.count ?? 0;
  const windowStart = windowIndex * windowMs;
  const overlap = 1 - (nowMs - windowStart) / windowMs;
  return decide(countIn(windowIndex - 1) * overlap + countIn(windowIndex), limit, windowStart, windowMs, nowMs);
}

/** Counts one for `key` in the current window, whatever the limit (a failure that happened). */
export async function addSharedRateLimit(
  context: Pick<AppContext, 'db'>,
  request: Omit<SharedWindowRequest, 'limit'>,
): Promise<void> {
  const { bucket, key, windowMs, nowMs } = request;
  await raiseRateLimitCount(context.db, bucket, key, Math.floor(nowMs / windowMs));
}

/** Takes back one counted at `countedAtMs` (a reservation that turned out not to be needed). */
export async function removeSharedRateLimit(
  context: Pick<AppContext, 'db'>,
  request: Omit<SharedWindowRequest, 'limit'>,
): Promise<void> {
  const { bucket, key, windowMs, nowMs } = request;
  await lowerRateLimitCount(context.db, bucket, key, Math.floor(nowMs / windowMs));
}

/**
 * The sliding-window counter of sliding-window.ts, kept in the database (table rate_limit) so that
 * every server on it counts together: a client that spreads its attempts over several nodes gets
 * no more than from one. The count is raised first and the decision made on the raised count (the
 * row is locked meanwhile), so requests arriving at once cannot all pass on the same old count; a
 * refused request is taken back out. Counts older than the previous window are removed by the
 * periodic clean-up (housekeeping/).
 */
export async function takeSharedRateLimit(
  context: Pick<AppContext, 'db'>,
  request: SharedWindowRequest,
): Promise<RateDecision> {
  const { bucket, key, limit, windowMs, nowMs } = request;
  const windowIndex = Math.floor(nowMs / windowMs);
  const raised = await raiseRateLimitCount(context.db, bucket, key, windowIndex);
  const previous = await findRateLimitCount(context.db, bucket, key, windowIndex - 1);
  const windowStart = windowIndex * windowMs;
  const overlap = 1 - (nowMs - windowStart) / windowMs;
  const decision = decide(previous * overlap + raised - 1, limit, windowStart, windowMs, nowMs);
  if (!decision.allowed) await removeSharedRateLimit(context, request);
  return decision;
}
