import {
  deleteExpiredCaptchaChallenges,
  deleteExpiredMultiFactorRows,
  deleteExpiredSessionRows,
  deleteOldDeliveryLog,
  deleteOldVerificationCodes,
  deleteRateLimitRowsBefore,
  deleteTokenGrant,
  deleteUnredeemedCodeRows,
  listTokenFamilyTimes,
  listTokenRetentionDays,
  listTokenTimesCreatedBefore,
} from '@latchkey/db';
import { type AppContext, formatTime, nowSeconds } from '../../core/context.ts';
import { RATE_WINDOW_MS } from '../../http/rate-limit/rate-limits.ts';
import { pause } from '../pause.ts';

/** Casdoor's default: an expired token is kept 30 days unless its organization says otherwise. */
export const DEFAULT_TOKEN_RETENTION_DAYS = 30;
const DAY_SECONDS = 86_400;
const BATCH = 200;

/** What one clean-up removed. */
export interface CleanUpReport {
  codes: number;
  sessions: number;
  tokens: number;
  rateLimits: number;
}

/** Authorization codes never redeemed, once they have expired (they produced nothing, and can produce nothing). */
export function deleteUnredeemedCodes(context: AppContext): Promise<number> {
  const now = nowSeconds(context);
  return deleteUnredeemedCodeRows(context.db, now, BATCH);
}

/** How long a delivery's log is kept after its last attempt. */
export const DELIVERY_LOG_DAYS = 7;

/**
 * Sign-in sessions past their expiry (a cookie naming one already means signed out), with the
 * sign-ins that waited for a second factor, the enrolments never finished, the captcha answers
 * never used, and the delivery log of the week before.
 */
export async function deleteExpiredSessions(context: AppContext): Promise<number> {
  const now = nowSeconds(context);
  return (
    (await deleteExpiredSessionRows(context.db, now, BATCH)) +
    (await deleteExpiredMultiFactorRows(context.db, now, BATCH)) +
    (await deleteExpiredCaptchaChallenges(context.db, now, BATCH)) +
    // A day after it was sent a code is long dead and counts against no hourly limit.
    (await deleteOldVerificationCodes(context.db, context.clock.now().getTime() - 86_400_000, BATCH)) +
    // A webhook's deliveries are shown for a week after their last attempt (their times are real time).
    (await deleteOldDeliveryLog(context.db, Date.now() - DELIVERY_LOG_DAYS * DAY_SECONDS * 1000, BATCH))
  );
}

/** Rate-limit counts of windows before the previous one, which no decision reads any more. */
export function deleteOldRateLimits(context: AppContext): Promise<number> {
  const currentWindow = Math.floor(context.clock.now().getTime() / RATE_WINDOW_MS);
  return deleteRateLimitRowsBefore(context.db, currentWindow - 1, BATCH);
}

interface TokenTimes {
  createdTime: string;
  expiresIn: number;
  refreshExpiresAt: number;
}

/** Unix seconds after which a token row is of no use: its access token expired and its refresh token too. */
function usefulUntil(row: TokenTimes): number {
  const created = Math.floor(Date.parse(row.createdTime) / 1000);
  return Math.max(Number.isFinite(created) ? created + Number(row.expiresIn) : 0, Number(row.refreshExpiresAt));
}

/** Each organization's token retention in seconds (`tokenRetentionDays`, 30 days when unset). */
async function tokenRetentions(context: AppContext): Promise<Map<string, number>> {
  const rows = await listTokenRetentionDays(context.db);
  return new Map(
    rows.map((row) => [
      row.name,
      (Number(row.tokenRetentionDays) > 0 ? Number(row.tokenRetentionDays) : DEFAULT_TOKEN_RETENTION_DAYS) *
        DAY_SECONDS,
    ]),
  );
}

/**
 * Tokens whose organization's retention has passed since they became useless (access token and
 * refresh token both expired, or revoked), as in Casdoor's clean-up. A grant's rows go together,
 * and only once every row of it is past its retention, so that a rotated refresh token presented
 * again is still recognised (and revokes its grant) for as long as the grant could be used.
 * Read in creation order, a small batch at a time; each grant's delete is idempotent.
 */
export async function deleteExpiredTokens(context: AppContext): Promise<number> {
  const now = nowSeconds(context);
  const retentions = await tokenRetentions(context);
  const retentionOf = (organization: string) =>
    retentions.get(organization) ?? DEFAULT_TOKEN_RETENTION_DAYS * DAY_SECONDS;
  const shortest = Math.min(DEFAULT_TOKEN_RETENTION_DAYS * DAY_SECONDS, ...retentions.values());
  // A row can be past its retention only if it was created before now minus the shortest retention.
  const createdBefore = formatTime(new Date((now - shortest) * 1000));
  const isPast = (row: TokenTimes & { organization: string }) => usefulUntil(row) + retentionOf(row.organization) < now;
  let deleted = 0;
  let after = { createdTime: '', name: '' };
  for (;;) {
    const rows = await listTokenTimesCreatedBefore(context.db, createdBefore, after, BATCH);
    if (rows.length === 0) return deleted;
    after = rows.at(-1)!;
    const grants = new Set(rows.filter(isPast).map((row) => row.familyId || row.name));
    for (const grant of grants) {
      const family = await listTokenFamilyTimes(context.db, grant);
      if (!family.every(isPast)) continue;
      // A row of its own (no family), or the whole grant; every row checked again as it is deleted.
      deleted += await deleteTokenGrant(context.db, grant, createdBefore);
    }
    if (rows.length < BATCH) return deleted;
    await pause();
  }
}

/** One pass of the clean-up: every kind of leftover, each in small batches. */
export async function cleanUp(context: AppContext): Promise<CleanUpReport> {
  return {
    codes: await deleteUnredeemedCodes(context),
    sessions: await deleteExpiredSessions(context),
    tokens: await deleteExpiredTokens(context),
    rateLimits: await deleteOldRateLimits(context),
  };
}
