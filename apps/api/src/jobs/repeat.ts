import { errorMessage } from '../core/errors/error-message.ts';
import type { Logger } from '../core/logging/logger.ts';

const JITTER = 0.2;

/**
 * An interval moved at random by up to ±20 %, so that several servers started together on one
 * database do not all do the same work at the same moment.
 */
export function jittered(intervalMs: number, random: () => number = Math.random): number {
  return Math.round(intervalMs * (1 - JITTER + 2 * JITTER * random()));
}

export interface RepeatingTask {
  /** Stops the schedule and waits for a run under way to finish (before the database closes). */
  stop(): Promise<void>;
}

export interface Repetition {
  task: () => Promise<void>;
  /** Between the end of one run and the start of the next, jittered. */
  intervalMs: number;
  /** Before the first run (a jittered interval unless given). */
  firstDelayMs?: number;
  /** The log message of a failed run; the next run comes as usual. */
  failure: string;
}

/** Runs a task in the background, again and again, until stopped. */
export function repeatInBackground(
  log: Logger,
  { task, intervalMs, firstDelayMs = jittered(intervalMs), failure }: Repetition,
): RepeatingTask {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = async () => {
    try {
      await task();
    } catch (error) {
      log.error(failure, { error: errorMessage(error) });
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().finally(() => {
        running = undefined;
        schedule(jittered(intervalMs));
      });
    }, delay);
    (timer as { unref?: () => void }).unref?.();
  };
  schedule(firstDelayMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
