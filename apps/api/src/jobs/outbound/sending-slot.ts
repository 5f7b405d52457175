import type { AppContext } from '../../core/context.ts';
import { startWaiting } from './drive-delivery.ts';
import { outboxOf } from './outbox.ts';

/** Every slot of the organization, or of the server, is taken: the caller should try again shortly. */
export class NoSendingSlotError extends Error {
  constructor() {
    super('no sending slot free');
    this.name = 'NoSendingSlotError';
  }
}

/**
 * Runs a send made while the request waits (an email, a text message, a stored file) in one of the
 * concurrency slots that webhooks and logout notifications use, counted for `organization`: no
 * more connections are open at once than the outbound limits allow, and one organization cannot
 * take them all. Without a free slot it refuses at once (NoSendingSlotError) instead of queueing.
 * The slot is given back when the work ends, and deliveries waiting for one go on.
 */
export async function withSendingSlot<T>(
  context: AppContext,
  organization: string,
  work: (limits: { timeoutMs: number; maxResponseBytes: number; allowPrivate: boolean }) => Promise<T>,
): Promise<T> {
  const outbox = outboxOf(context);
  if (!outbox.slots.tryAcquire(organization, outbox.options)) throw new NoSendingSlotError();
  try {
    return await work({
      timeoutMs: outbox.options.timeoutMs,
      maxResponseBytes: outbox.options.maxResponseBytes,
      allowPrivate: context.config.allowPrivateCallbackUrls,
    });
  } finally {
    outbox.slots.release(organization);
    startWaiting(context, outbox);
  }
}
