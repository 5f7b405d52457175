import type { AppContext } from '../context.ts';
import { takeSharedRateLimit } from './shared-window.ts';
import { createRateLimiter, type RateDecision, type RateLimiter } from './sliding-window.ts';

/**
 * What is limited per client address, each with its own count:
 * - `signin`: password sign-in, sign-up, password checks and changes, and the username/password query method;
 * - `token`: the OAuth endpoints under /api/login/oauth/.
 */
export type RateBucket = 'signin' | 'token';

export const RATE_WINDOW_MS = 60_000;

const limiters = new WeakMap<AppContext, Map<RateBucket, RateLimiter>>();

function limiterFor(context: AppContext, bucket: RateBucket): RateLimiter {
  let byBucket = limiters.get(context);
  if (!byBucket) {
    byBucket = new Map();
    limiters.set(context, byBucket);
  }
  let limiter = byBucket.get(bucket);
  if (!limiter) {
    limiter = createRateLimiter({ limit: context.config.signinRateLimit, windowMs: RATE_WINDOW_MS });
    byBucket.set(bucket, limiter);
  }
  return limiter;
}

/**
 * Counts one request of a client address against a bucket (`config.signinRateLimit` per minute).
 * On Postgres, where several servers may share the data, the count is kept in the database and
 * holds for all of them together; a SQLite deployment is one process and counts in memory (and
 * answers at once, without a promise).
 */
export function takeRateLimit(context: AppContext, bucket: RateBucket, clientIp: string): RateDecision | Promise<RateDecision> {
  const key = clientIp || 'unknown';
  const nowMs = context.clock.now().getTime();
  if (context.dialect === 'postgres') return takeSharedRateLimit(context, { bucket, key, limit: context.config.signinRateLimit, windowMs: RATE_WINDOW_MS, nowMs });
  return limiterFor(context, bucket).take(key, nowMs);
}

const signinPaths = new Set(['/api/login', '/api/signup', '/api/set-password', '/api/check-user-password']);

/** The bucket a request counts against, if any. `url` is the request's URL, whose query is read only when it matters. */
export function rateBucketOf(method: string, path: string, url: string): RateBucket | undefined {
  if (path.startsWith('/api/login/oauth/')) return 'token';
  if (method === 'POST' && signinPaths.has(path)) return 'signin';
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return undefined;
  const query = new URLSearchParams(url.slice(queryStart + 1));
  if (query.has('username') && query.has('password') && !query.has('grant_type')) return 'signin';
  return undefined;
}
