/** The answer for one request: allowed, or refused with the seconds to wait. */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one request for `key` at `nowMs` and says whether it is within the limit. */
  take(key: string, nowMs: number): RateDecision;
}

interface Counter {
  windowStart: number;
  current: number;
  previous: number;
}

export interface RateLimiterOptions {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** Keys remembered at most; the oldest are forgotten first (memory stays bounded under a flood of addresses). */
  maxKeys?: number;
}

/**
 * A sliding-window counter per key (an approximation that weights the previous fixed window by how
 * much of it still overlaps): constant memory per key, no timers, and bursts at a window edge are
 * not doubled as with a plain fixed window.
 */
export function createRateLimiter({ limit, windowMs, maxKeys = 100_000 }: RateLimiterOptions): RateLimiter {
  const counters = new Map<string, Counter>();
  return {
    take(key, nowMs) {
      const windowStart = Math.floor(nowMs / windowMs) * windowMs;
      let counter = counters.get(key);
      if (!counter) {
        if (counters.size >= maxKeys) counters.delete(counters.keys().next().value!);
        counter = { windowStart, current: 0, previous: 0 };
      } else {
        counters.delete(key); // re-inserted below, so Map order is least recently used first
        if (windowStart !== counter.windowStart) {
          counter.previous = windowStart - counter.windowStart === windowMs ? counter.current : 0;
          counter.current = 0;
          counter.windowStart = windowStart;
        }
      }
      counters.set(key, counter);
      const overlap = 1 - (nowMs - windowStart) / windowMs;
      const estimate = counter.previous * overlap + counter.current;
      if (estimate + 1 > limit) {
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000)) };
      }
      counter.current += 1;
      return { allowed: true, retryAfterSeconds: 0 };
    },
  };
}
