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
 * organization's policies cannot keep every other organization waiting.
 */
export async function withinEnforceShare<T>(
  context: AppContext,
  organization: string,
  work: () => Promise<T>,
): Promise<T> {
  let spentBy = spentByServer.get(context);
  if (!spentBy) {
    spentBy = new Map();
    spentByServer.set(context, spentBy);
  }
  const now = performance.now();
  let spent = spentBy.get(organization);
  if (!spent || now - spent.windowStart >= 1000) {
    spent = { windowStart: now, milliseconds: 0 };
    spentBy.set(organization, spent);
    if (spentBy.size > 10_000)
      for (const [key, value] of spentBy) if (now - value.windowStart >= 1000) spentBy.delete(key);
  }
  if (spent.milliseconds >= context.config.enforceShare) throw new ApiError('general.too_many_requests');
  const started = performance.now();
  try {
    return await work();
  } finally {
    spent.milliseconds += performance.now() - started;
  }
}
