/** How long one answered round trip to the database vouches for it (to /api/health). */
export const REACHABILITY_WINDOW_MS = 1_000;

/**
 * Whether the database answers, asked at most once per window however often it is asked: a round
 * trip that started less than `windowMs` ago and was answered vouches for the database; otherwise
 * one round trip is made, shared by every caller that asks meanwhile. A failure is not remembered,
 * so the first caller after an outage asks again. `check` answers undefined when a recent round trip
 * vouches (no promise, nothing allocated), else the round trip's promise.
 */
export function databaseReachability(
  ping: () => Promise<void>,
  nowMs: () => number,
  windowMs = REACHABILITY_WINDOW_MS,
) {
  let answeredFrom = Number.NEGATIVE_INFINITY;
  let asking: Promise<void> | undefined;
  return {
    check(): Promise<void> | undefined {
      const now = nowMs();
      if (now >= answeredFrom && now - answeredFrom < windowMs) return undefined;
      if (asking) return asking;
      const startedAt = now;
      asking = ping().then(
        () => {
          answeredFrom = startedAt;
          asking = undefined;
        },
        (error: unknown) => {
          asking = undefined;
          throw error;
        },
      );
      return asking;
    },
  };
}
