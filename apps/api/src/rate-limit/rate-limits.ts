import type { AppContext } from '../context.ts';
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

/** Counts one request of a client address against a bucket (`config.signinRateLimit` per minute, per node). */
export function takeRateLimit(context: AppContext, bucket: RateBucket, clientIp: string): RateDecision {
  return limiterFor(context, bucket).take(clientIp || 'unknown', context.clock.now().getTime());
}

const signinPaths = new Set(['/api/login', '/api/signup', '/api/set-password', '/api/check-user-password']);

/** The bucket a request counts against, if any. */
export function rateBucketOf(method: string, path: string, query: URLSearchParams): RateBucket | undefined {
  if (path.startsWith('/api/login/oauth/')) return 'token';
  if (method === 'POST' && signinPaths.has(path)) return 'signin';
  if (query.has('username') && query.has('password') && !query.has('grant_type')) return 'signin';
  return undefined;
}
