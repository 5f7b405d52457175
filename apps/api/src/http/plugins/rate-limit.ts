import { translate } from '@latchkey/i18n';
import type { AppContext } from '../../core/context.ts';
import { oauthErrorDescription } from '../../core/errors/oauth-error.ts';
import { isOAuthJsonPath } from '../paths.ts';
import {
  addressBudget,
  countFailedCredential,
  credentialPresented,
  isFailedCredential,
  reserveAddressFailure,
  settleAddressFailure,
} from '../rate-limit/failed-credentials.ts';
import { RateLimitedError } from '../rate-limit/rate-limited-error.ts';
import { takeRateLimit } from '../rate-limit/rate-limits.ts';
import type { RateDecision } from '../rate-limit/sliding-window.ts';
import { requestStateOf } from '../request-state.ts';
import type { AnswerSet, RequestStep } from './request-step.ts';

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
function refusalFor(request: Request, set: AnswerSet, decision: RateDecision): Response | undefined {
  if (decision.allowed) return undefined;
  const refused = tooManyRequests(request, decision.retryAfterSeconds);
  for (const [name, value] of Object.entries(set.headers))
    if (typeof value === 'string' && !refused.headers.has(name)) refused.headers.set(name, value);
  return refused;
}

/**
 * Limits on guessing (rate-limit/failed-credentials.ts), decided on the route's one spelling,
 * before routing and before the body is read: a request that presents a credential is refused
 * while its address has used up its failed checks (`config.signinRateLimit` a minute; a password
 * attempt holds its place in that count until it has succeeded, then gives it back: see
 * settleAddressFailure), and each sign-up and each image captcha made is counted. A credential
 * check that fails anywhere is counted for the address and the OAuth client (rateLimitOnError);
 * a client that has used up its own failures is refused. Most requests present nothing and go on
 * at once.
 */
export function rateLimitAdmission(context: AppContext): RequestStep {
  return (request, set) => {
    const state = requestStateOf(request);
    const path = state.routePath;
    let decision: RateDecision | Promise<RateDecision> | undefined;
    if (path === '/api/signup' && request.method === 'POST')
      decision = takeRateLimit(context, 'signup', state.clientIp);
    else if (path === '/api/get-captcha') decision = takeRateLimit(context, 'captcha', state.clientIp);
    else {
      const presented = credentialPresented(path, request);
      if (presented === 'password') decision = reserveAddressFailure(context, request);
      else if (presented === 'guessable') decision = addressBudget(context, request);
    }
    if (!decision) return undefined;
    return decision instanceof Promise
      ? decision.then((decided) => refusalFor(request, set, decided))
      : refusalFor(request, set, decision);
  };
}

/**
 * When a request fails: a limit's refusal thrown by a route (a client that used up its failures)
 * becomes the 429; a credential check that failed anywhere (its error says so) is counted for the
 * address and the OAuth client; a password attempt that failed otherwise gives its count back.
 */
export async function rateLimitOnError(
  context: AppContext,
  request: Request,
  error: unknown,
  set: AnswerSet,
): Promise<Response | undefined> {
  if (error instanceof RateLimitedError)
    return refusalFor(request, set, { allowed: false, retryAfterSeconds: error.retryAfterSeconds });
  if (isFailedCredential(error)) await countFailedCredential(context, request);
  else await settleAddressFailure(context, request);
  return undefined;
}
