import { ApiError } from '../../errors/api-error.ts';

/** Of every second, the most time one organization's enforcement calls may take on this server, in milliseconds. */
export const ENFORCE_SHARE_MS_PER_SECOND = 300;

interface Spent {
  windowStart: number;
  milliseconds: number;
}

const spentBy = new Map<string, Spent>();

/**
 * Runs one organization's enforcement within its share of the server's time: when its calls took
 * more than ENFORCE_SHARE_MS_PER_SECOND in the current second, the next is refused ("too many
 * requests") until the second is over, so one organization's policies cannot keep every other
 * organization waiting.
 */
export async function withinEnforceShare<T>(organization: string, work: () => Promise<T>): Promise<T> {
  const now = performance.now();
  let spent = spentBy.get(organization);
  if (!spent || now - spent.windowStart >= 1000) {
    spent = { windowStart: now, milliseconds: 0 };
    spentBy.set(organization, spent);
    if (spentBy.size > 10_000) for (const [key, value] of spentBy) if (now - value.windowStart >= 1000) spentBy.delete(key);
  }
  if (spent.milliseconds >= ENFORCE_SHARE_MS_PER_SECOND) throw new ApiError('general.too_many_requests');
  const started = performance.now();
  try {
    return await work();
  } finally {
    spent.milliseconds += performance.now() - started;
  }
}
