import { translate } from '@latchkey/i18n';
import { Elysia } from 'elysia';
import type { AppContext } from '../context.ts';
import { isOAuthJsonPath, pathOf } from '../http/paths.ts';
import { requestInfo } from '../http/request-info.ts';
import { rateBucketOf, takeRateLimit, type RateBucket } from '../rate-limit/rate-limits.ts';

/** 429 with Retry-After: the envelope on /api/*, RFC 6749 JSON on the OAuth token endpoints. */
export function tooManyRequests(request: Request, retryAfterSeconds: number): Response {
  const info = requestInfo(request);
  const msg = translate(info.language, 'general.too_many_requests');
  const body = isOAuthJsonPath(pathOf(request))
    ? { error: 'temporarily_unavailable', error_description: msg }
    : { status: 'error', msg, data: null, data2: null };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(retryAfterSeconds),
      'cache-control': 'no-store',
      'x-request-id': info.id,
    },
  });
}

/** Counts a request against a bucket; answers the 429 response to send when over the limit. */
export async function checkRateLimit(context: AppContext, request: Request, bucket: RateBucket): Promise<Response | undefined> {
  const decision = await takeRateLimit(context, bucket, requestInfo(request).clientIp);
  return decision.allowed ? undefined : tooManyRequests(request, decision.retryAfterSeconds);
}

/**
 * Per-address rate limits, checked before routing and before the body is read: password sign-in,
 * sign-up and password endpoints, the username/password query method, and every OAuth endpoint
 * under /api/login/oauth/ (config.signinRateLimit requests per minute each).
 */
export function rateLimit(context: AppContext) {
  return new Elysia({ name: 'rate-limit' }).onRequest(async ({ request, set }) => {
    const url = new URL(request.url);
    const bucket = rateBucketOf(request.method, url.pathname, url.searchParams);
    if (!bucket) return;
    const refused = await checkRateLimit(context, request, bucket);
    if (!refused) return;
    for (const [name, value] of Object.entries(set.headers)) if (typeof value === 'string' && !refused.headers.has(name)) refused.headers.set(name, value);
    return refused;
  });
}
