/** The answer for one request: allowed, or refused with the seconds to wait. */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one request for `key` at `nowMs` and says whether it is within the limit (a refused one is not counted). */
  take(key: string, nowMs: number): RateDecision;
  /** Whether one more would be within the limit, counting nothing. */
  peek(key: string, nowMs: number): RateDecision;
  /** Counts one for `key`, whatever the limit (a failure that happened). */
  add(key: string, nowMs: number): void;
  /** Takes back one counted at `countedAtMs` (a reservation that turned out not to be needed). */
  remove(key: string, countedAtMs: number): void;
}

/** The decision for a sliding-window estimate: one more within `limit`, or the seconds until the current window ends. */
export function decide(
  estimate: number,
  limit: number,
  windowStart: number,
  windowMs: number,
  nowMs: number,
): RateDecision {
  if (estimate + 1 <= limit) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - nowMs) / 1000)) };
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
  /** The key's counter moved to `nowMs`'s window (created when `create`), most recently used last. */
  function counterAt(key: string, nowMs: number, create: boolean): Counter | undefined {
    const windowStart = Math.floor(nowMs / windowMs) * windowMs;
    let counter = counters.get(key);
    if (!counter) {
      if (!create) return undefined;
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
    return counter;
  }
  function peek(key: string, nowMs: number): RateDecision {
    const windowStart = Math.floor(nowMs / windowMs) * windowMs;
    const counter = counterAt(key, nowMs, false);
    if (!counter) return { allowed: true, retryAfterSeconds: 0 };
    const overlap = 1 - (nowMs - windowStart) / windowMs;
    return decide(counter.previous * overlap + counter.current, limit, windowStart, windowMs, nowMs);
  }
  function add(key: string, nowMs: number): void {
    counterAt(key, nowMs, true)!.current += 1;
  }
  function remove(key: string, countedAtMs: number): void {
    const counter = counters.get(key);
    if (!counter) return;
    const countedWindow = Math.floor(countedAtMs / windowMs) * windowMs;
    if (countedWindow === counter.windowStart) counter.current = Math.max(0, counter.current - 1);
    else if (countedWindow === counter.windowStart - windowMs) counter.previous = Math.max(0, counter.previous - 1);
  }
  return {
    peek,
    add,
    remove,
    take(key, nowMs) {
      const decision = peek(key, nowMs);
      if (decision.allowed) add(key, nowMs);
      return decision;
    },
  };
}
