import {
  claimDelivery,
  deleteDelivery,
  findDeliverySchedule,
  releaseClaim,
  scheduleRetry,
  updateDeliveryLog,
} from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { metrics } from '../../core/metrics/metrics.ts';
import { RefusedAddressError } from './address-guard.ts';
import { runAfterDelivery } from './after-delivery.ts';
import {
  type OutboundMessage,
  readClaimedDelivery,
  type StoredDelivery,
  UnreadableDeliveryError,
} from './delivery-store.ts';
import { InvalidCallbackUrlError, sendForm, sendRequest } from './http-send.ts';
import { type Outbox, track, wait } from './outbox.ts';
import { isPermanentSmtpFailure, sendMail } from './smtp-send.ts';

/**
 * How long a claim holds beyond the send timeout. Past it another server may send the attempt
 * again (the holder is taken to have died mid-send).
 */
const CLAIM_MARGIN_MS = 60_000;

const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/** The target without its query, for logs (never the message). */
function targetOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${parsed.protocol}//${parsed.host}`;
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * Delivery times follow real time, as the sends and their timeouts do (not the context's clock,
 * which tests hold still).
 */
export const deliveryNow = () => Date.now();

/** A new claim of this server: its node id and a count, so a stale claim of this server is told apart too. */
export function newClaim(outbox: Outbox, now: number): { by: string; until: number } {
  outbox.claimCount += 1;
  return { by: `${outbox.nodeId}:${outbox.claimCount}`, until: now + outbox.options.timeoutMs + CLAIM_MARGIN_MS };
}

/** The answer counted for an email the SMTP server refused for good: not retried. */
const SMTP_REJECTED = 400;

/**
 * Sends an email as one attempt: accepted is 200, a permanent refusal (5xx) is a rejection, and
 * anything else (no connection, a 4xx, the deadline) throws, to be tried again. The error that
 * reaches the log never holds the password.
 */
async function sendEmailAttempt(
  message: Extract<OutboundMessage, { method: 'SMTP' }>,
  limits: { timeoutMs: number; allowPrivate: boolean },
): Promise<number> {
  try {
    await sendMail(message.smtp, message.mail, limits);
    return 200;
  } catch (error) {
    if (error instanceof RefusedAddressError) throw error;
    if (isPermanentSmtpFailure(error)) return SMTP_REJECTED;
    const password = message.smtp.password;
    const text = errorMessage(error);
    throw new Error(password ? text.split(password).join('[REDACTED]') : text);
  }
}

function send(context: AppContext, outbox: Outbox, message: OutboundMessage): Promise<number> {
  const { timeoutMs, maxResponseBytes } = outbox.options;
  if (message.method === 'SMTP')
    return sendEmailAttempt(message, { timeoutMs, allowPrivate: context.config.allowPrivateCallbackUrls });
  const common = {
    url: message.url,
    timeoutMs,
    maxResponseBytes,
    allowPrivate: context.config.allowPrivateCallbackUrls,
  };
  if (message.form) return sendForm({ ...common, method: message.method, form: message.form });
  return sendRequest({ ...common, method: message.method, body: message.body, headers: message.headers });
}

/** What became of an attempt, in a delivery's log (when it has one). */
type Outcome = 'delivered' | 'rejected' | 'refused' | 'given_up' | 'retrying';

/**
 * Records an attempt in the delivery's log, if it keeps one: its outcome, the answer's status or
 * why there was none (in short: the error's own words, never the message), and the next retry.
 */
async function logAttempt(
  context: AppContext,
  id: string,
  attempts: number,
  result: { state: Outcome; status?: number; error?: string; nextAttemptAt?: number },
): Promise<void> {
  await updateDeliveryLog(context.db, id, {
    state: result.state,
    attempts,
    lastStatus: result.status ?? 0,
    lastError: (result.error ?? '').slice(0, 200),
    nextAttemptAt: result.nextAttemptAt ?? 0,
    updatedAt: deliveryNow(),
  }).catch((error: unknown) => {
    context.log.warn('delivery log not written', { id, error: errorMessage(error) });
  });
}

/** Makes one attempt of a claimed delivery and records its outcome. Answers the wait before the next attempt, or null when done with. */
async function attempt(
  context: AppContext,
  outbox: Outbox,
  delivery: StoredDelivery,
  claimedBy: string,
): Promise<number | null> {
  const { kind, message } = delivery;
  const target = message.logAs ?? targetOf(message.url);
  const attemptNumber = delivery.attempts + 1;
  let failure: { status?: number; error?: string };
  try {
    const status = await send(context, outbox, message);
    if (status >= 200 && status < 300) {
      await deleteDelivery(context.db, delivery.id);
      await logAttempt(context, delivery.id, attemptNumber, { state: 'delivered', status });
      metrics.recordDeliveryAttempt(kind, 'delivered');
      context.log.info('delivered', { kind, target, attempt: attemptNumber, status });
      // Its failure is logged; the message was delivered and is not sent again.
      if (delivery.afterDelivery) {
        await runAfterDelivery(context, delivery.afterDelivery).catch((error: unknown) => {
          context.log.error('after delivery failed', { kind, target, error: errorMessage(error) });
        });
      }
      return null;
    }
    context.log.warn('delivery answered with an error', { kind, target, attempt: attemptNumber, status });
    if (!retryable(status)) {
      await deleteDelivery(context.db, delivery.id);
      await logAttempt(context, delivery.id, attemptNumber, { state: 'rejected', status });
      metrics.recordDeliveryAttempt(kind, 'rejected');
      return null;
    }
    failure = { status };
  } catch (error) {
    if (error instanceof RefusedAddressError || error instanceof InvalidCallbackUrlError) {
      context.log.warn('delivery refused', { kind, target, reason: error.message });
      await deleteDelivery(context.db, delivery.id);
      await logAttempt(context, delivery.id, attemptNumber, { state: 'refused', error: error.message });
      metrics.recordDeliveryAttempt(kind, 'refused');
      return null;
    }
    context.log.warn('delivery failed', { kind, target, attempt: attemptNumber, error: errorMessage(error) });
    failure = { error: errorMessage(error) };
  }
  if (attemptNumber > delivery.retryDelaysMs.length) {
    await deleteDelivery(context.db, delivery.id);
    await logAttempt(context, delivery.id, attemptNumber, { state: 'given_up', ...failure });
    metrics.recordDeliveryAttempt(kind, 'given_up');
    context.log.error('delivery given up', { kind, target, attempts: attemptNumber });
    return null;
  }
  const delay = delivery.retryDelaysMs[attemptNumber - 1]!;
  metrics.recordDeliveryAttempt(kind, 'retrying');
  const nextAttemptAt = deliveryNow() + delay;
  const stillHeld = await scheduleRetry(context.db, delivery.id, claimedBy, attemptNumber, nextAttemptAt);
  if (stillHeld)
    await logAttempt(context, delivery.id, attemptNumber, { state: 'retrying', ...failure, nextAttemptAt });
  return stillHeld ? delay : null;
}

/** How long until an unclaimed delivery is due, when it is not due yet; undefined otherwise. */
async function notYetDue(context: AppContext, id: string, now: number): Promise<number | undefined> {
  const schedule = await findDeliverySchedule(context.db, id);
  if (!schedule || schedule.claimedUntil > now || schedule.nextAttemptAt <= now) return undefined;
  return schedule.nextAttemptAt - now;
}

/**
 * Starts the deliveries waiting for a slot, in turns between organizations, as long as there is
 * room. Each gets its slot here, before it is started, so that what is started never exceeds
 * the limits. Nothing starts while the server shuts down (the rows stay due in the database).
 */
export function startWaiting(context: AppContext, outbox: Outbox): void {
  if (outbox.draining || outbox.stopped) return;
  for (;;) {
    const next = outbox.waiting.takeNext((key) => outbox.slots.hasRoom(key, outbox.options));
    if (!next) return;
    outbox.slots.tryAcquire(next.key, outbox.options);
    track(
      outbox,
      driveDelivery(context, outbox, next.id, undefined, next.key).catch((error) => {
        context.log.error('delivery crashed', { id: next.id, error: errorMessage(error) });
      }),
    );
  }
}

/**
 * Sends one delivery from the database until it is done with: claims the attempt that is due
 * (unless `claimedBy` already holds it), takes a concurrency slot for its organization (unless
 * `slotOf` says which one it already holds), makes the attempt, and waits here for the next retry
 * while this server runs. Without a free slot the claim is given up and the delivery waits in
 * line (its row stays due), so no connection is opened beyond the limits. When this server
 * stops, the row stays scheduled and any server's poller takes it up when due.
 */
export async function driveDelivery(
  context: AppContext,
  outbox: Outbox,
  id: string,
  claimedBy?: string,
  slotOf?: string,
): Promise<void> {
  let slot = slotOf;
  if (outbox.driving.has(id)) {
    if (slot !== undefined) outbox.slots.release(slot);
    startWaiting(context, outbox);
    return;
  }
  outbox.driving.add(id);
  try {
    let held = claimedBy;
    while (!outbox.stopped) {
      if (!held) {
        const now = deliveryNow();
        const claim = newClaim(outbox, now);
        if (!(await claimDelivery(context.db, id, claim, now))) {
          // A timer may fire a moment before the time it was set for: wait out the rest, unless
          // another server has it or it is gone.
          const early = await notYetDue(context, id, now);
          if (early === undefined) return;
          if (slot !== undefined) outbox.slots.release(slot);
          slot = undefined;
          await wait(outbox, early);
          if (outbox.draining) return;
          continue;
        }
        held = claim.by;
      }
      let delivery: StoredDelivery | undefined;
      try {
        delivery = await readClaimedDelivery(context, id, held);
      } catch (error) {
        if (!(error instanceof UnreadableDeliveryError)) throw error;
        context.log.error('delivery dropped: cannot be read', { id, error: error.message });
        await deleteDelivery(context.db, id);
        return;
      }
      if (!delivery) return;
      if (slot !== undefined && slot !== delivery.organization) {
        outbox.slots.release(slot);
        slot = undefined;
      }
      if (slot === undefined) {
        if (!outbox.slots.tryAcquire(delivery.organization, outbox.options)) {
          await releaseClaim(context.db, id, held);
          outbox.waiting.add(delivery.organization, id);
          return;
        }
        slot = delivery.organization;
      }
      let retryIn: number | null;
      try {
        retryIn = await attempt(context, outbox, delivery, held);
      } finally {
        outbox.slots.release(slot);
        slot = undefined;
        startWaiting(context, outbox);
      }
      if (retryIn === null || outbox.draining || outbox.stopped) return;
      held = undefined;
      await wait(outbox, retryIn);
      if (outbox.draining) return;
    }
  } finally {
    if (slot !== undefined) outbox.slots.release(slot);
    outbox.driving.delete(id);
    startWaiting(context, outbox);
  }
}
