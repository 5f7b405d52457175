import { dueDeliveries } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { type RepeatingTask, repeatInBackground } from '../repeat.ts';
import { deliveryNow, driveDelivery } from './drive-delivery.ts';
import { outboxOf, track } from './outbox.ts';

/** At most this many deliveries are taken up per look. */
const BATCH = 50;

/**
 * One look for due deliveries that no server holds: this server tries to claim each (of several
 * servers, one wins) and sends what it won in the background. Answers how many it tried to claim.
 */
export async function pollDueDeliveries(context: AppContext): Promise<number> {
  const outbox = outboxOf(context);
  if (outbox.stopped || outbox.draining) return 0;
  const ids = await dueDeliveries(context.db, deliveryNow(), BATCH);
  let taken = 0;
  for (const id of ids) {
    if (outbox.driving.has(id) || outbox.waiting.has(id)) continue;
    taken += 1;
    track(
      outbox,
      driveDelivery(context, outbox, id).catch((error) => {
        context.log.error('delivery crashed', { id, error: errorMessage(error) });
      }),
    );
  }
  return taken;
}

/**
 * Looks for due deliveries at start and then every poll interval (jittered): retries of a server
 * that stopped or crashed, taken up by whichever server claims them first. Retries of messages a
 * server sent itself are also waited for in that server, so the poller is only the safety net.
 * Stopping it waits for a look under way (the deliveries it took up are this server's pending work).
 */
export function startDeliveryPoller(
  context: AppContext,
  intervalMs = outboxOf(context).options.pollIntervalMs,
): RepeatingTask {
  return repeatInBackground(context.log, {
    intervalMs,
    // The first look comes at once: what a restart left behind is sent without waiting an interval.
    firstDelayMs: 0,
    failure: 'looking for due deliveries failed',
    task: async () => {
      await pollDueDeliveries(context);
    },
  });
}
