import type { AppContext } from '../context.ts';
import { dueDeliveries } from './delivery-store.ts';
import { deliveryNow, driveDelivery } from './drive-delivery.ts';
import { outboxOf, track } from './outbox.ts';

/** At most this many deliveries are taken up per look. */
const BATCH = 50;
const JITTER = 0.2;

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
    if (outbox.driving.has(id)) continue;
    taken += 1;
    track(
      outbox,
      driveDelivery(context, outbox, id).catch((error) => {
        context.log.error('delivery crashed', { id, error: error instanceof Error ? error.message : String(error) });
      }),
    );
  }
  return taken;
}

export interface DeliveryPoller {
  /** Stops looking and waits for a look under way (the deliveries it took up are this server's pending work). */
  stop(): Promise<void>;
}

/**
 * Looks for due deliveries at start and then every poll interval (jittered by ±20 %, so servers started together
 * do not look at the same moment): retries of a server that stopped or crashed, taken up by
 * whichever server claims them first. Retries of messages a server sent itself are also waited
 * for in that server, so the poller is only the safety net.
 */
export function startDeliveryPoller(context: AppContext, intervalMs = outboxOf(context).options.pollIntervalMs): DeliveryPoller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const look = async () => {
    try {
      await pollDueDeliveries(context);
    } catch (error) {
      context.log.error('looking for due deliveries failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = look().finally(() => {
        running = undefined;
        schedule(Math.round(intervalMs * (1 - JITTER + 2 * JITTER * Math.random())));
      });
    }, delay);
    (timer as { unref?: () => void }).unref?.();
  };
  // The first look comes at once: what a restart left behind is sent without waiting an interval.
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
