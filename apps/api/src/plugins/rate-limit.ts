import { translate } from '@latchkey/i18n';
import { Elysia } from 'elysia';
import type { AppContext } from '../context.ts';
import { oauthErrorDescription } from '../errors/oauth-error.ts';
import { isOAuthJsonPath, pathOf } from '../http/paths.ts';
import { requestInfo } from '../http/request-info.ts';
import { rateBucketOf, takeRateLimit } from '../rate-limit/rate-limits.ts';
import type { RateDecision } from '../rate-limit/sliding-window.ts';

/** 429 with Retry-After: the envelope on /api/*, RFC 6749 JSON on the OAuth token endpoints. */
export function tooManyRequests(request: Request, retryAfterSeconds: number): Response {
  const info = requestInfo(request);
  const body = isOAuthJsonPath(pathOf(request))
    ? { error: 'temporarily_unavailable', error_description: oauthErrorDescription('general.too_many_requests') }
    : { status: 'error', msg: translate(info.language, 'general.too_many_requests'), data: null, data2: null };
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

/** The 429 to answer when a decision refuses, keeping the headers already set for the request (CORS, request id). */
function refusalFor(request: Request, set: { headers: Record<string, unknown> }, decision: RateDecision): Response | undefined {
  if (decision.allowed) return undefined;
  const refused = tooManyRequests(request, decision.retryAfterSeconds);
  for (const [name, value] of Object.entries(set.headers)) if (typeof value === 'string' && !refused.headers.has(name)) refused.headers.set(name, value);
  return refused;
}

/**
 * Per-address rate limits, checked before routing and before the body is read: password sign-in,
 * sign-up and password endpoints, the username/password query method, and every OAuth endpoint
 * under /api/login/oauth/ (config.signinRateLimit requests per minute each).
 */
export function rateLimit(context: AppContext) {
  return new Elysia({ name: 'rate-limit' }).onRequest(({ request, set }) => {
    const bucket = rateBucketOf(request.method, pathOf(request), request.url);
    if (!bucket) return;
    const decision = takeRateLimit(context, bucket, requestInfo(request).clientIp);
    return decision instanceof Promise ? decision.then((decided) => refusalFor(request, set, decided)) : refusalFor(request, set, decision);
  });
}
