import type { AppContext } from '../../core/context.ts';
import { type RepeatingTask, repeatInBackground } from '../repeat.ts';
import { cleanUp } from './clean-up.ts';

/**
 * Cleans up every `intervalMs` (jittered) in the background: expired unredeemed codes and
 * sessions, tokens past their organization's retention, old rate-limit counts. A failed pass is
 * logged and the next one tried as usual. The first pass comes after one (jittered) interval too,
 * so a start is never slowed by it.
 */
export function startHousekeeping(context: AppContext, intervalMs: number): RepeatingTask {
  return repeatInBackground(context.log, {
    intervalMs,
    failure: 'clean-up failed',
    task: async () => {
      const report = await cleanUp(context);
      if (report.codes + report.sessions + report.tokens + report.rateLimits > 0)
        context.log.info('cleaned up', { ...report });
    },
  });
}
