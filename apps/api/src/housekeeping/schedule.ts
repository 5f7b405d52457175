import type { AppContext } from '../context.ts';
import { cleanUp } from './clean-up.ts';

const JITTER = 0.2;

/**
 * The wait before the next clean-up: the interval, moved at random by up to ±20 %, so that several
 * servers started together on one database do not all clean up at the same moment.
 */
export function nextHousekeepingDelay(intervalMs: number, random: () => number = Math.random): number {
  return Math.round(intervalMs * (1 - JITTER + 2 * JITTER * random()));
}

export interface Housekeeping {
  /** Stops the schedule and waits for a clean-up under way to finish (before the database closes). */
  stop(): Promise<void>;
}

/**
 * Cleans up every `intervalMs` (jittered) in the background: expired unredeemed codes and
 * sessions, tokens past their organization's retention, old rate-limit counts. A failed pass is
 * logged and the next one tried as usual. The first pass comes after one (jittered) interval too,
 * so a start is never slowed by it.
 */
export function startHousekeeping(context: AppContext, intervalMs: number): Housekeeping {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const pass = async () => {
    try {
      const report = await cleanUp(context);
      if (report.codes + report.sessions + report.tokens + report.rateLimits > 0) context.log.info('cleaned up', { ...report });
    } catch (error) {
      context.log.error('clean-up failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(() => {
        running = undefined;
        schedule();
      });
    }, nextHousekeepingDelay(intervalMs));
    (timer as { unref?: () => void }).unref?.();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
