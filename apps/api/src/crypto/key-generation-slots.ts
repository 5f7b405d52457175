import { ApiError } from '../errors/api-error.ts';

/** RSA key generations that may run at once on this server, and for one organization. */
export const KEY_GENERATION_LIMITS = { server: 2, organization: 1, waiting: 16 } as const;

const running = new Map<string, number>();
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
 * Runs an expensive key generation for an organization within its share: one at a time per
 * organization (a second is refused at once, "too many requests"), a few at a time on the server
 * (others wait their turn, and a full queue refuses).
 */
export async function withKeyGenerationSlot<T>(organization: string, work: () => Promise<T>): Promise<T> {
  if ((running.get(organization) ?? 0) >= KEY_GENERATION_LIMITS.organization) throw new ApiError('general.too_many_requests');
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
