import type { AppContext } from '../../core/context.ts';
import { RateLimitedError } from '../../http/rate-limit/rate-limited-error.ts';
import { giveBackRateLimit, takeRateLimit } from '../../http/rate-limit/rate-limits.ts';
import { NoSendingSlotError, withSendingSlot } from '../../jobs/outbound/sending-slot.ts';

/** How many single-call deadlines the messages of one request may take together. */
export const BATCH_DEADLINES = 3;

/**
 * Counts `count` messages (one per receiver) against the organization's allowance a minute
 * (`LATCHKEY_MESSAGE_RATE_LIMIT`, for all servers together on PostgreSQL). All or none: when the
 * allowance cannot take them all, those counted are given back and the request is refused with
 * 429 and Retry-After.
 */
export async function countMessages(context: AppContext, organization: string, count: number): Promise<void> {
  const counted: number[] = [];
  for (let index = 0; index < count; index++) {
    const at = context.clock.now().getTime();
    const decision = await takeRateLimit(context, 'message', organization);
    if (!decision.allowed) {
      for (const countedAt of counted) await giveBackRateLimit(context, 'message', organization, countedAt);
      throw new RateLimitedError(decision.retryAfterSeconds);
    }
    counted.push(at);
  }
}

/** Sends within one of the organization's outbound slots; all taken is a 429 to try again shortly. */
export async function inSendingSlot<T>(
  context: AppContext,
  organization: string,
  work: Parameters<typeof withSendingSlot<T>>[2],
): Promise<T> {
  try {
    return await withSendingSlot(context, organization, work);
  } catch (error) {
    if (error instanceof NoSendingSlotError) throw new RateLimitedError(1);
    throw error;
  }
}
