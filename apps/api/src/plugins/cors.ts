import { translate } from '@latchkey/i18n';
import { Elysia, status } from 'elysia';
import type { AppContext } from '../context.ts';
import { corsHeaders, decideCors, ALLOWED_METHODS, type CorsDecision } from '../cors/cors-policy.ts';
import { decideForIdentity } from '../cors/identity-policy.ts';
import { pathOf } from '../http/paths.ts';
import { requestInfo } from '../http/request-info.ts';
import { identityFromSessionCookie, readCookie, SESSION_COOKIE } from '../identity/credentials/session-cookie.ts';
import type { Identity } from '../identity/identity.ts';
import { identityOf } from '../identity/resolve.ts';

type Headers = { headers: Record<string, unknown> };
type AskIdentity = Extract<CorsDecision, { kind: 'ask_identity' }>;

function selfOrigin(request: Request): string | undefined {
  try {
    return new URL(request.url).origin;
  } catch {
    return undefined;
  }
}

function refusal(request: Request, reason: 'malformed' | 'not_allowed'): Response {
  const info = requestInfo(request);
  const code = reason === 'malformed' ? 'auth.origin_malformed' : 'auth.origin_not_allowed';
  const body = { status: 'error', msg: translate(info.language, code), data: null, data2: null };
  return new Response(JSON.stringify(body), {
    status: 403,
    headers: { 'content-type': 'application/json; charset=utf-8', vary: 'Origin', 'x-request-id': info.id },
  });
}

/** Requests whose origin is trusted on behalf of some organizations only, until their caller is known. */
const awaitingIdentity = new WeakMap<Request, AskIdentity>();

/**
 * CORS, in two steps.
 *
 * Before routing and before anything reads the body or changes state: an allowed Origin is echoed
 * with credentials; a preflight is answered here (methods GET, POST, OPTIONS, DELETE); a request that
 * carries a disallowed or malformed Origin gets 403 and goes no further. Since browsers send Origin on
 * every cross-site write, this is also the CSRF defence for cookie-authenticated writes.
 *
 * An origin that only some organizations' applications registered is trusted on behalf of those
 * organizations only, so its actual requests (not its preflights) wait for the caller: once the body
 * is parsed (which changes nothing), before validation and the route's own hooks, the caller is
 * resolved (once: the route's `auth` macro reuses it) and a caller of another organization — the
 * global administrator included — is answered 403, whatever the method and content type, before the
 * route does anything.
 */
export function cors(context: AppContext) {
  async function decide(request: Request, origin: string | null, preflight: boolean, set: Headers) {
    const decision = await decideCors(context, {
      origin,
      method: request.method,
      requestedMethod: request.headers.get('access-control-request-method'),
      path: pathOf(request),
      selfOrigin: selfOrigin(request),
    });
    if (decision.kind === 'refuse') return refusal(request, decision.reason);
    if (decision.kind === 'ask_identity') {
      set.headers.vary = 'Origin';
      awaitingIdentity.set(request, decision);
      return;
    }
    if (decision.kind === 'none') {
      set.headers.vary = 'Origin';
      if (preflight) return new Response(null, { status: 204, headers: { allow: ALLOWED_METHODS, vary: 'Origin', 'x-request-id': requestInfo(request).id } });
      return;
    }
    const headers = corsHeaders(decision, preflight);
    if (preflight) return new Response(null, { status: 204, headers: { ...headers, 'x-request-id': requestInfo(request).id } });
    Object.assign(set.headers, headers);
  }

  /** The caller, and the session cookie's user when the caller came from another credential (see decideForIdentity). */
  async function callersOf(request: Request): Promise<Identity[]> {
    const identity = await identityOf(context, request);
    if (identity.kind === 'user' && identity.method === 'session') return [identity];
    const cookie = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
    const sessionUser = cookie ? await identityFromSessionCookie(context, cookie) : undefined;
    return sessionUser ? [identity, sessionUser] : [identity];
  }

  /** Sets the headers of an allowed request; ends a refused one with its 403, before validation and the route. */
  async function decideWithIdentity(request: Request, set: Headers) {
    const pending = awaitingIdentity.get(request);
    if (!pending) return {};
    awaitingIdentity.delete(request);
    let decision: CorsDecision;
    try {
      decision = decideForIdentity(pending, await callersOf(request));
    } catch (error) {
      // Credentials that do not check out: an endpoint open to every origin checks its own (the token
      // endpoint answers in RFC 6749); elsewhere the failure is the answer, and the page that sent
      // those credentials may read it (it tells nothing about anyone's account).
      Object.assign(set.headers, corsHeaders({ kind: 'allow', origin: pending.origin, credentials: !pending.anyOrigin }, false));
      if (pending.anyOrigin) return {};
      throw error;
    }
    // A status answer from a derive ends the request there, before validation and the route.
    if (decision.kind !== 'allow') return status(403, refusal(request, 'not_allowed'));
    Object.assign(set.headers, corsHeaders(decision, false));
    return {};
  }

  return new Elysia({ name: 'cors' })
    .onRequest(({ request, set }) => {
      const preflight = request.method === 'OPTIONS';
      const origin = request.headers.get('origin');
      if (origin === null && !preflight) {
        // Not a cross-origin browser request: nothing to decide, and no need to wait for anything.
        set.headers.vary = 'Origin';
        return;
      }
      return decide(request, origin, preflight, set);
    })
    .derive({ as: 'global' }, ({ request, set }) => (awaitingIdentity.has(request) ? decideWithIdentity(request, set) : {}));
}
