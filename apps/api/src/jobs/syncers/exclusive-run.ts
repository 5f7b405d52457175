import { randomBytes } from 'node:crypto';
import { claimSyncerRun, finishSyncerRun } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { type ConcurrencyLimits, ConcurrencySlots } from '../outbound/concurrency.ts';

/** How many syncer runs one server has under way at once: in all, and for one organization. */
export const SYNC_CONCURRENCY: ConcurrencyLimits = { maxConcurrent: 4, maxConcurrentPerOrganization: 1 };

export type RunRefusal = 'already_running' | 'busy';

interface Runs {
  /** The server's name in claims: another server sees whose claim it is. */
  node: string;
  running: Set<string>;
  slots: ConcurrencySlots;
}

const runsByContext = new WeakMap<AppContext, Runs>();

function runsOf(context: AppContext): Runs {
  let runs = runsByContext.get(context);
  if (!runs) {
    runs = {
      node: `${process.pid}-${randomBytes(6).toString('hex')}`,
      running: new Set(),
      slots: new ConcurrencySlots(),
    };
    runsByContext.set(context, runs);
  }
  return runs;
}

/** Whether this server runs the syncer now. */
export const isRunningHere = (context: AppContext, id: string) => runsOf(context).running.has(id);

export interface ExclusiveRun {
  /** The syncer id (owner/name). */
  id: string;
  organization: string;
  /** How long the claim holds: longer than a run can take, so that a crashed server's claim lapses. */
  claimMs: number;
  limits?: ConcurrencyLimits;
}

/**
 * Runs `work` for one syncer when nobody else does: not this server (one run per syncer, a limited
 * number per organization and in all) and no other server of the deployment (a claim in the
 * database). Answers the refusal instead when it may not run now.
 */
export async function runExclusively<T>(
  context: AppContext,
  run: ExclusiveRun,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false; refusal: RunRefusal }> {
  const runs = runsOf(context);
  const limits = run.limits ?? SYNC_CONCURRENCY;
  if (runs.running.has(run.id)) return { ran: false, refusal: 'already_running' };
  if (!runs.slots.tryAcquire(run.organization, limits)) return { ran: false, refusal: 'busy' };
  runs.running.add(run.id);
  const claimedBy = `${runs.node}-${randomBytes(4).toString('hex')}`;
  try {
    const now = context.clock.now().getTime();
    if (!(await claimSyncerRun(context.db, run.id, { by: claimedBy, until: now + run.claimMs }, now)))
      return { ran: false, refusal: 'already_running' };
    try {
      return { ran: true, value: await work() };
    } finally {
      await finishSyncerRun(context.db, run.id, claimedBy, context.clock.now().getTime());
    }
  } finally {
    runs.running.delete(run.id);
    runs.slots.release(run.organization);
  }
}
