import type { AppContext } from '../../core/context.ts';
import {
  addSharedRateLimit,
  peekSharedRateLimit,
  removeSharedRateLimit,
  takeSharedRateLimit,
} from './shared-window.ts';
import { createRateLimiter, type RateDecision, type RateLimiter } from './sliding-window.ts';

/**
 * What is counted, each with its own count per key:
 * - `failed-address`: failed credential checks from one client address (`config.signinRateLimit`);
 * - `failed-client`: failed checks presented by one OAuth client, by client id (`config.clientFailureLimit`);
 * - `signup`: sign-ups from one client address, each one (`config.signinRateLimit`);
 * - `message`: emails and text messages sent for one organization, each receiver (`config.messageRateLimit`);
 * - `captcha`: image captchas made for one client address, each one (`config.signinRateLimit`).
 */
export type RateBucket = 'failed-address' | 'failed-client' | 'signup' | 'message' | 'captcha';

export const RATE_WINDOW_MS = 60_000;

function limitOf(context: AppContext, bucket: RateBucket): number {
  if (bucket === 'message') return context.config.messageRateLimit;
  return bucket === 'failed-client' ? context.config.clientFailureLimit : context.config.signinRateLimit;
}

const limiters = new WeakMap<AppContext, Map<RateBucket, RateLimiter>>();

function limiterFor(context: AppContext, bucket: RateBucket): RateLimiter {
  let byBucket = limiters.get(context);
  if (!byBucket) {
    byBucket = new Map();
    limiters.set(context, byBucket);
  }
  let limiter = byBucket.get(bucket);
  if (!limiter) {
    limiter = createRateLimiter({ limit: limitOf(context, bucket), windowMs: RATE_WINDOW_MS });
    byBucket.set(bucket, limiter);
  }
  return limiter;
}

/*
 * On Postgres, where several servers may share the data, counts are kept in the database and hold
 * for all of them together; a SQLite deployment is one process and counts in memory (and answers
 * at once, without a promise).
 */

function windowRequest(context: AppContext, bucket: RateBucket, key: string) {
  return {
    bucket,
    key: key || 'unknown',
    limit: limitOf(context, bucket),
    windowMs: RATE_WINDOW_MS,
    nowMs: context.clock.now().getTime(),
  };
}

/** Counts one request against a bucket and says whether it was within the limit (a refused one is not counted). */
export function takeRateLimit(
  context: AppContext,
  bucket: RateBucket,
  key: string,
): RateDecision | Promise<RateDecision> {
  const request = windowRequest(context, bucket, key);
  if (context.dialect === 'postgres') return takeSharedRateLimit(context, request);
  return limiterFor(context, bucket).take(request.key, request.nowMs);
}

/** Whether one more would be within a bucket's limit, counting nothing. */
export function peekRateLimit(
  context: AppContext,
  bucket: RateBucket,
  key: string,
): RateDecision | Promise<RateDecision> {
  const request = windowRequest(context, bucket, key);
  if (context.dialect === 'postgres') return peekSharedRateLimit(context, request);
  return limiterFor(context, bucket).peek(request.key, request.nowMs);
}

/** Counts one against a bucket, whatever its limit (a failure that happened). */
export async function addRateLimit(context: AppContext, bucket: RateBucket, key: string): Promise<void> {
  const request = windowRequest(context, bucket, key);
  if (context.dialect === 'postgres') await addSharedRateLimit(context, request);
  else limiterFor(context, bucket).add(request.key, request.nowMs);
}

/** Takes back one counted by takeRateLimit at `countedAtMs` (a reserved failure that did not happen). */
export async function giveBackRateLimit(
  context: AppContext,
  bucket: RateBucket,
  key: string,
  countedAtMs: number,
): Promise<void> {
  const request = { ...windowRequest(context, bucket, key), nowMs: countedAtMs };
  if (context.dialect === 'postgres') await removeSharedRateLimit(context, request);
  else limiterFor(context, bucket).remove(request.key, countedAtMs);
}
