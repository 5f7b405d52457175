import type { AppContext } from '../../core/context.ts';
import { type SyncSchedule, type SyncScheduleOptions, startSyncSchedule } from '../../jobs/syncers/schedule.ts';
import { runProblem } from './check.ts';
import { CLAIM_MS, syncOnce } from './run.ts';

export { syncerKind } from './kind.ts';
export { syncerRoutes } from './routes.ts';

/** How often each server looks for due syncers, and the shortest interval between two runs of one. */
export const SYNC_TICK_MS = 5_000;
export const MIN_SYNC_INTERVAL_MS = 10_000;

/** Runs the enabled syncers on their schedules until stopped (see jobs/syncers/schedule.ts). */
export function startSyncers(
  context: AppContext,
  options: { tickMs?: number; minIntervalMs?: number; onLook?: SyncScheduleOptions['onLook'] } = {},
): SyncSchedule {
  return startSyncSchedule(context, {
    tickMs: options.tickMs ?? SYNC_TICK_MS,
    minIntervalMs: options.minIntervalMs ?? MIN_SYNC_INTERVAL_MS,
    claimMs: CLAIM_MS,
    onLook: options.onLook,
    runnable: (syncer) => runProblem(syncer) === undefined,
    run: async (syncer, signal) => {
      const report = await syncOnce(context, syncer, { signal });
      if (report.added + report.updated + report.rejected.length > 0) {
        context.log.info('synced users', {
          syncer: `${syncer.owner}/${syncer.name}`,
          added: report.added,
          updated: report.updated,
          rejected: report.rejected.length,
        });
      }
    },
  });
}
