import { listEnabledSyncers, syncerRunStates } from '@latchkey/db';
import type { Syncer } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import type { ConcurrencyLimits } from '../outbound/concurrency.ts';
import { isRunningHere, runExclusively } from './exclusive-run.ts';

export interface SyncScheduleOptions {
  /** How often the server looks for syncers that are due. */
  tickMs: number;
  /** The shortest time between two runs of one syncer, whatever its syncInterval says. */
  minIntervalMs: number;
  /** How long a run's claim holds (longer than a run may take). */
  claimMs: number;
  limits?: ConcurrencyLimits;
  /** Whether a syncer can run at all (type, database, settings); those that cannot are left alone. */
  runnable(syncer: Syncer): boolean;
  /** One run; `signal` ends it early when the schedule stops. */
  run(syncer: Syncer, signal: AbortSignal): Promise<void>;
  /** Told after each look, with the syncers it started (for tests that wait for looks rather than for time). */
  onLook?(started: readonly string[]): void;
}

export interface SyncSchedule {
  /** Looks for due syncers at once (one was added or changed). */
  nudge(): void;
  /** Stops looking, ends the runs under way and waits for them (before the database closes). */
  stop(): Promise<void>;
}

const schedules = new WeakMap<AppContext, SyncSchedule>();

/** Makes this server's schedule look for due syncers at once, if it has one. */
export function nudgeSyncSchedule(context: AppContext): void {
  schedules.get(context)?.nudge();
}

const idOf = (syncer: Syncer) => `${syncer.owner}/${syncer.name}`;

/**
 * Runs every enabled syncer on its own interval (`syncInterval` seconds, no less than the
 * minimum), from the end of one run to the start of the next, as Casdoor's scheduler does. Every
 * server of a deployment looks; the claim in the database lets one of them run each syncer. A run
 * never holds the loop that looks: runs go on in the background, each bounded by its own limits.
 */
export function startSyncSchedule(context: AppContext, options: SyncScheduleOptions): SyncSchedule {
  const controller = new AbortController();
  const running = new Set<Promise<unknown>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let looking: Promise<void> | undefined;
  let stopped = false;

  const start = (syncer: Syncer) => {
    const id = idOf(syncer);
    const run = runExclusively(
      context,
      { id, organization: syncer.organization, claimMs: options.claimMs, limits: options.limits },
      () => options.run(syncer, controller.signal),
    )
      .catch((error) => context.log.warn('syncer run failed', { syncer: id, error: errorMessage(error) }))
      .finally(() => running.delete(run));
    running.add(run);
  };

  const look = async () => {
    const [syncers, states] = await Promise.all([listEnabledSyncers(context.db), syncerRunStates(context.db)]);
    const now = context.clock.now().getTime();
    const started: string[] = [];
    for (const syncer of syncers) {
      if (stopped) break;
      const id = idOf(syncer);
      if (isRunningHere(context, id) || !options.runnable(syncer)) continue;
      const state = states.get(id);
      if (state && state.claimedUntil > now) continue;
      const interval = Math.max(syncer.syncInterval * 1000, options.minIntervalMs);
      if (state && state.lastFinishedAt > 0 && state.lastFinishedAt + interval > now) continue;
      start(syncer);
      started.push(id);
    }
    options.onLook?.(started);
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (looking) return schedule(options.tickMs);
      looking = look()
        .catch((error) => context.log.error('looking for due syncers failed', { error: errorMessage(error) }))
        .finally(() => {
          looking = undefined;
          schedule(options.tickMs);
        });
    }, delay);
    (timer as { unref?: () => void }).unref?.();
  };

  const handle: SyncSchedule = {
    nudge: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort();
      await looking;
      await Promise.allSettled([...running]);
      if (schedules.get(context) === handle) schedules.delete(context);
    },
  };
  schedules.set(context, handle);
  schedule(options.tickMs);
  return handle;
}
