import type { AppContext } from '../../core/context.ts';
import {
  identityFromSessionCookie,
  readCookie,
  SESSION_COOKIE,
} from '../../core/identity/credentials/session-cookie.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { type CorsDecision, corsHeaders } from '../cors/cors-policy.ts';
import { decideForIdentity } from '../cors/identity-policy.ts';
import { originRefusal } from '../cors/origin-refusal.ts';
import { type AskIdentity, requestStateOf } from '../request-state.ts';
import { identityOf } from '../resolve-identity.ts';
import type { AnswerSet, RequestStep } from './request-step.ts';

/**
 * The second step of CORS, for a request from an origin only some organizations' applications
 * registered (see `cors`): its caller is worked out (once — the body guard and the route's auth
 * macro reuse it) and a caller of another organization, the global administrator included, gets 403
 * whatever the method and content type, before routing, before the body is read and before anything
 * changes. That organization's own callers (and signed-out visitors) get credentialed CORS.
 *
 * Runs when the request arrives, after the rate limiter (which must count a query password before it
 * is checked) and before anything that reads the body or the caller.
 */
export function corsForCaller(context: AppContext): RequestStep {
  /** The caller, and the session cookie's user when the caller came from another credential (see decideForIdentity). */
  async function callersOf(request: Request): Promise<Identity[]> {
    const identity = await identityOf(context, request);
    if (identity.kind === 'user' && identity.method === 'session') return [identity];
    const cookie = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
    const sessionUser = cookie ? await identityFromSessionCookie(context, cookie) : undefined;
    return sessionUser ? [identity, sessionUser] : [identity];
  }

  async function decideForCaller(
    request: Request,
    set: AnswerSet,
    pending: AskIdentity,
  ): Promise<Response | undefined> {
    let decision: CorsDecision;
    try {
      decision = decideForIdentity(pending, await callersOf(request));
    } catch (error) {
      // Credentials that do not check out: an endpoint open to every origin checks its own (the token
      // endpoint answers in RFC 6749); elsewhere the failure is the answer, and the page that sent
      // those credentials may read it (it tells nothing about anyone's account).
      Object.assign(
        set.headers,
        corsHeaders({ kind: 'allow', origin: pending.origin, credentials: !pending.anyOrigin }, false),
      );
      if (pending.anyOrigin) return undefined;
      throw error;
    }
    if (decision.kind !== 'allow') return originRefusal(request, 'not_allowed');
    Object.assign(set.headers, corsHeaders(decision, false));
    return undefined;
  }

  return (request, set) => {
    // The decision the origin step (cors.ts) left waiting for the caller, taken once. Most requests
    // have none and go on at once.
    const state = requestStateOf(request);
    const pending = state.corsAwaitingCaller;
    if (!pending) return undefined;
    state.corsAwaitingCaller = undefined;
    return decideForCaller(request, set, pending);
  };
}
