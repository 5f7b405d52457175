import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { metrics } from '../../core/metrics/metrics.ts';
import type { AfterDelivery } from './after-delivery.ts';
import { type DeliveryLogSubject, insertDelivery, type OutboundMessage } from './delivery-store.ts';
import { deliveryNow, driveDelivery, newClaim, startWaiting } from './drive-delivery.ts';
import { type DeliveryOptions, endWaits, outboxOf, track } from './outbox.ts';

export type { AfterDelivery } from './after-delivery.ts';
export { type DeliveryOptions, defaultDeliveryOptions } from './outbox.ts';

/** One message to deliver: form fields (the body of a POST, the query of a GET), or a body with headers. */
export type Delivery = OutboundMessage & {
  /** What it is, for logs (never its content). */
  kind: string;
  /**
   * The organization whose configuration named the receiver (a webhook's, an application's):
   * its deliveries share that organization's concurrency slots.
   */
  organization: string;
  /** Waits before each retry, when this message has a schedule of its own (else the outbox's). */
  retryDelaysMs?: readonly number[];
  /** What to do once, when the receiver has accepted the message (2xx). */
  afterDelivery?: AfterDelivery;
  /** Keep a log of its attempts under this subject (see DeliveryLogSubject). */
  log?: DeliveryLogSubject;
};

/** The waits before each retry that messages without a schedule of their own get. */
export function defaultRetryDelays(context: AppContext): readonly number[] {
  return outboxOf(context).options.retryDelaysMs;
}

/** Changes retry timing, the send deadline, the response cap, the concurrency limits and how often the poller looks (tests use short ones). */
export function configureDeliveries(context: AppContext, options: Partial<DeliveryOptions>): void {
  const outbox = outboxOf(context);
  outbox.options = { ...outbox.options, ...options };
}

/**
 * Sends a message in the background, retrying with growing waits on network errors, 408, 429 and
 * 5xx. The message is first written to the database (sealed), so a pending retry outlives this
 * server: the first attempt is made at once, later ones by whichever server claims the row when
 * it is due. Never throws and never delays the caller; outcomes go to the log (the target without
 * its query, never the message).
 */
export function enqueueDelivery(context: AppContext, delivery: Delivery): void {
  const outbox = outboxOf(context);
  if (outbox.stopped) return;
  const { kind, organization, retryDelaysMs, afterDelivery, log, ...message } = delivery;
  // The slot is taken at once, so that deliveries queued together never exceed the limits.
  const slot = outbox.slots.tryAcquire(organization, outbox.options);
  // An organization whose receivers cannot keep up does not get to fill the database: one write
  // to many slow webhooks would otherwise turn into thousands of rows a second.
  if (!slot && outbox.waiting.sizeOf(organization) >= outbox.options.maxWaitingPerOrganization) {
    metrics.recordDeliveryAttempt(kind, 'dropped');
    context.log.warn('delivery dropped: the organization has too many waiting', {
      kind,
      organization,
      waiting: outbox.waiting.sizeOf(organization),
    });
    return;
  }
  if (!slot) outbox.waiting.reserve(organization);
  const job = (async () => {
    const now = deliveryNow();
    const claim = slot ? newClaim(outbox, now) : undefined;
    let id: string;
    try {
      id = await insertDelivery(
        context,
        {
          kind,
          organization,
          message: message as OutboundMessage,
          retryDelaysMs: retryDelaysMs ?? outbox.options.retryDelaysMs,
          afterDelivery,
          claim,
          log,
        },
        now,
      );
    } catch (error) {
      if (slot) outbox.slots.release(organization);
      else outbox.waiting.unreserve(organization);
      startWaiting(context, outbox);
      throw error;
    }
    if (claim) return driveDelivery(context, outbox, id, claim.by, organization);
    // No slot free: the row is written due and unclaimed, and waits in line here (or for any
    // server's poller, should this one stop).
    outbox.waiting.unreserve(organization);
    outbox.waiting.add(organization, id);
    startWaiting(context, outbox);
  })().catch((error) => {
    context.log.error('delivery crashed', { kind, error: errorMessage(error) });
  });
  track(outbox, job);
}

/**
 * Runs work after the response (looking up who to notify, then queueing deliveries). It is
 * counted as pending like a delivery, and its failure is logged, never thrown.
 */
export function runInBackground(context: AppContext, kind: string, task: () => Promise<void>): void {
  const outbox = outboxOf(context);
  if (outbox.stopped) return;
  const job = Promise.resolve()
    .then(task)
    .catch((error) => {
      context.log.error('background work failed', { kind, error: errorMessage(error) });
    });
  track(outbox, job);
}

/**
 * Resolves once every delivery this server is working on has succeeded, failed for good or been
 * given up (or, while shutting down, has its next attempt scheduled in the database).
 */
export async function deliveriesSettled(context: AppContext): Promise<void> {
  const outbox = outboxOf(context);
  while (outbox.pending.size > 0) await Promise.all([...outbox.pending]);
}

/**
 * The start of a shutdown: attempts under way finish and new messages are still written and tried
 * once, but no retry is waited for here any more; those stay scheduled in the database.
 */
export function drainDeliveries(context: AppContext): Promise<void> {
  const outbox = outboxOf(context);
  outbox.draining = true;
  endWaits(outbox);
  return deliveriesSettled(context);
}

/** Stops this server's work on deliveries (shutdown, end of a test); what is pending stays in the database. */
export function stopDeliveries(context: AppContext): void {
  const outbox = outboxOf(context);
  outbox.stopped = true;
  endWaits(outbox);
}
