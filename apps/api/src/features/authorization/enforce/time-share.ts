import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';

interface Spent {
  windowStart: number;
  milliseconds: number;
}

/** Per server (context): each organization's enforcement time in the current second. */
const spentByServer = new WeakMap<AppContext, Map<string, Spent>>();

/**
 * Runs one organization's enforcement within its share of the server's time: when its calls took
 * more than `enforceShare` milliseconds (LATCHKEY_ENFORCE_SHARE, default 300) in the current
 * second, the next is refused ("too many requests") until the second is over, so one
 * organization's policies cannot keep every other organization waiting. `now` is the clock the
 * time is counted on (the process's monotonic clock; a test passes its own).
 */
export async function withinEnforceShare<T>(
  context: AppContext,
  organization: string,
  work: () => Promise<T>,
  now: () => number = () => performance.now(),
): Promise<T> {
  let spentBy = spentByServer.get(context);
  if (!spentBy) {
    spentBy = new Map();
    spentByServer.set(context, spentBy);
  }
  const started = now();
  let spent = spentBy.get(organization);
  if (!spent || started - spent.windowStart >= 1000) {
    spent = { windowStart: started, milliseconds: 0 };
    spentBy.set(organization, spent);
    if (spentBy.size > 10_000)
      for (const [key, value] of spentBy) if (started - value.windowStart >= 1000) spentBy.delete(key);
  }
  if (spent.milliseconds >= context.config.enforceShare) throw new ApiError('general.too_many_requests');
  try {
    return await work();
  } finally {
    spent.milliseconds += now() - started;
  }
}
