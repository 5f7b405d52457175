import { ApiError } from '../errors/api-error.ts';

/**
 * RSA key generations that may run at once on this server and for one organization, that may wait,
 * and that one organization may start in a minute.
 */
export const KEY_GENERATION_LIMITS = { server: 2, organization: 1, waiting: 16, organizationPerMinute: 10 } as const;

const running = new Map<string, number>();
/** When each organization's generations of the last minute started (milliseconds). */
const startedBy = new Map<string, number[]>();

/** Counts a generation against the organization's quota for the minute, or refuses it. */
function takeQuota(organization: string, now: number): void {
  const recent = (startedBy.get(organization) ?? []).filter((time) => now - time < 60_000);
  if (recent.length >= KEY_GENERATION_LIMITS.organizationPerMinute) throw new ApiError('general.too_many_requests');
  recent.push(now);
  startedBy.set(organization, recent);
  if (startedBy.size > 10_000) for (const [key, times] of startedBy) if (times.every((time) => now - time >= 60_000)) startedBy.delete(key);
}
let runningOnServer = 0;
const waiting: (() => void)[] = [];

function release(organization: string): void {
  const count = (running.get(organization) ?? 1) - 1;
  if (count > 0) running.set(organization, count);
  else running.delete(organization);
  runningOnServer--;
  waiting.shift()?.();
}

/**
 * Runs an expensive key generation for an organization within its share: one at a time and ten a
 * minute per organization (beyond, "too many requests" at once), a few at a time on the server
 * (others wait their turn, and a full queue refuses).
 */
export async function withKeyGenerationSlot<T>(organization: string, work: () => Promise<T>, now = Date.now()): Promise<T> {
  if ((running.get(organization) ?? 0) >= KEY_GENERATION_LIMITS.organization) throw new ApiError('general.too_many_requests');
  takeQuota(organization, now);
  running.set(organization, (running.get(organization) ?? 0) + 1);
  if (runningOnServer >= KEY_GENERATION_LIMITS.server) {
    if (waiting.length >= KEY_GENERATION_LIMITS.waiting) {
      running.set(organization, running.get(organization)! - 1);
      if (running.get(organization) === 0) running.delete(organization);
      throw new ApiError('general.too_many_requests');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  runningOnServer++;
  try {
    return await work();
  } finally {
    release(organization);
  }
}
