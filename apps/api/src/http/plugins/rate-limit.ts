import { translate } from '@latchkey/i18n';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { oauthErrorDescription } from '../../core/errors/oauth-error.ts';
import { isOAuthJsonPath } from '../paths.ts';
import {
  addressBudget,
  countFailedCredential,
  isFailedCredential,
  presentsGuessableCredential,
  presentsPassword,
  reserveAddressFailure,
  settleAddressFailure,
} from '../rate-limit/failed-credentials.ts';
import { RateLimitedError } from '../rate-limit/rate-limited-error.ts';
import { takeRateLimit } from '../rate-limit/rate-limits.ts';
import type { RateDecision } from '../rate-limit/sliding-window.ts';
import { requestStateOf } from '../request-state.ts';

/** 429 with Retry-After: the envelope on /api/*, RFC 6749 JSON on the OAuth token endpoints. */
export function tooManyRequests(request: Request, retryAfterSeconds: number): Response {
  const info = requestStateOf(request);
  const body = isOAuthJsonPath(info.routePath)
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
function refusalFor(
  request: Request,
  set: { headers: Record<string, unknown> },
  decision: RateDecision,
): Response | undefined {
  if (decision.allowed) return undefined;
  const refused = tooManyRequests(request, decision.retryAfterSeconds);
  for (const [name, value] of Object.entries(set.headers))
    if (typeof value === 'string' && !refused.headers.has(name)) refused.headers.set(name, value);
  return refused;
}

/**
 * What a request counts against before it is routed, if anything: a sign-up is counted; a password
 * attempt is counted ahead as a failure (given back if it succeeds); another presented credential
 * is only checked against the budget. Each image captcha made is counted, as a sign-up is.
 */
function admission(context: AppContext, request: Request): RateDecision | Promise<RateDecision> | undefined {
  const state = requestStateOf(request);
  const path = state.routePath;
  if (path === '/api/signup' && request.method === 'POST') return takeRateLimit(context, 'signup', state.clientIp);
  if (path === '/api/get-captcha') return takeRateLimit(context, 'captcha', state.clientIp);
  if (presentsPassword(path, request)) return reserveAddressFailure(context, request);
  if (presentsGuessableCredential(path, request)) return addressBudget(context, request);
  return undefined;
}

/**
 * Limits on guessing (rate-limit/failed-credentials.ts), decided on the route's one spelling:
 * before routing and before the body is read, a request that presents a credential is refused
 * while its address has used up its failed checks (`config.signinRateLimit` a minute; a password
 * attempt holds its place in that count until it has succeeded), and each
 * sign-up is counted; a credential check that fails anywhere (its error says so) is counted for
 * the address and the OAuth client; a client that has used up its own failures is refused.
 */
export function rateLimit(context: AppContext) {
  return (
    new Elysia({ name: 'rate-limit' })
      .onRequest(({ request, set }) => {
        const decision = admission(context, request);
        if (!decision) return;
        return decision instanceof Promise
          ? decision.then((decided) => refusalFor(request, set, decided))
          : refusalFor(request, set, decision);
      })
      .onError({ as: 'global' }, async ({ request, error, set }) => {
        if (error instanceof RateLimitedError)
          return refusalFor(request, set, { allowed: false, retryAfterSeconds: error.retryAfterSeconds });
        if (isFailedCredential(error)) await countFailedCredential(context, request);
        else await settleAddressFailure(context, request);
      })
      // Before the answer goes out, so that the client's next request finds the count given back.
      .onAfterHandle({ as: 'global' }, async ({ request }) => {
        await settleAddressFailure(context, request);
      })
      // Whatever answered the request otherwise: a count held for it is not kept.
      .onAfterResponse({ as: 'global' }, ({ request }) =>
        settleAddressFailure(context, request).catch((error: unknown) =>
          context.log.warn('rate-limit count not given back', {
            requestId: requestStateOf(request).id,
            error: errorMessage(error),
          }),
        ),
      )
  );
}
