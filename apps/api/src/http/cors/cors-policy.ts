import type { AppContext } from '../../core/context.ts';
import { trustOfOrigin } from './allowed-origins.ts';

export const ALLOWED_METHODS = 'GET, POST, OPTIONS, DELETE';
export const ALLOWED_HEADERS = 'Accept, Accept-Language, Authorization, Content-Type, DPoP, X-Request-Id';
export const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * What to do with a request's Origin:
 * - `none`: no Origin (or a same-document `null` on a read) — no CORS headers, carry on;
 * - `allow`: echo the origin; `credentials` says whether the browser may send cookies with it;
 * - `refuse`: answer 403 before anything else runs;
 * - `ask_identity`: an origin trusted only on behalf of some organizations — the answer depends on
 *   who is calling, decided once the caller's identity is known and before the route runs
 *   (see decideForIdentity). `anyOrigin`: the endpoint is open to every origin without credentials.
 */
export type CorsDecision =
  | { kind: 'none' }
  | { kind: 'allow'; origin: string; credentials: boolean }
  | { kind: 'refuse'; reason: 'malformed' | 'not_allowed' }
  | { kind: 'ask_identity'; origin: string; organizations: ReadonlySet<string>; anyOrigin: boolean };

export interface CorsRequest {
  origin: string | null;
  method: string;
  /** For a preflight, the method the browser means to send (Access-Control-Request-Method). */
  requestedMethod?: string | null;
  path: string;
  /** This request's own origin as the client addressed us (scheme, Host header). */
  selfOrigin?: string;
}

/**
 * Endpoints any page may call, as Casdoor allows: the token endpoint (a browser app exchanging
 * its code with PKCE), userinfo (read with a bearer token) and the form-post callback of providers
 * such as Apple, plus the public discovery documents and keys. A foreign origin gets no credentials there, so the user's cookie never answers it.
 */
export function isAnyOriginEndpoint(path: string, method: string): boolean {
  if (path === '/api/login/oauth/access_token') return method === 'POST';
  if (path === '/api/userinfo') return true;
  // A provider's answer POSTed by its page (form_post): read as a form, answered with a redirect, nothing kept.
  if (path === '/api/callback') return method === 'POST';
  if (path.startsWith('/.well-known/')) return method === 'GET' || method === 'HEAD';
  return false;
}

const safeMethods = new Set(['GET', 'HEAD']);

/** Decides a request's CORS treatment; origins are compared exactly, in their serialized form. */
export async function decideCors(context: AppContext, request: CorsRequest): Promise<CorsDecision> {
  const origin = request.origin;
  if (origin === null || origin === '') return { kind: 'none' };
  const effectiveMethod =
    (request.method === 'OPTIONS' ? request.requestedMethod : request.method)?.toUpperCase() ?? request.method;
  if (origin === 'null') {
    // Sandboxed frames and file:// pages: nothing to echo; a write from them is refused.
    return safeMethods.has(effectiveMethod) && request.method !== 'OPTIONS'
      ? { kind: 'none' }
      : { kind: 'refuse', reason: 'not_allowed' };
  }
  let serialized: string;
  try {
    const parsed = new URL(origin);
    serialized = parsed.origin;
    if (!/^https?:$/.test(parsed.protocol)) return { kind: 'refuse', reason: 'malformed' };
  } catch {
    return { kind: 'refuse', reason: 'malformed' };
  }
  // Browsers send the serialized form; anything else (a path, a trailing slash, upper case) is not a browser's Origin.
  if (serialized !== origin) return { kind: 'refuse', reason: 'malformed' };

  if (origin === request.selfOrigin) return { kind: 'allow', origin, credentials: true };
  const trust = await trustOfOrigin(context, origin);
  if (trust.kind === 'everyone') return { kind: 'allow', origin, credentials: true };
  const anyOrigin = isAnyOriginEndpoint(request.path, effectiveMethod);
  if (trust.kind === 'organizations') {
    // A preflight carries no credentials and changes nothing: the request that follows is what is checked.
    if (request.method === 'OPTIONS') return { kind: 'allow', origin, credentials: true };
    return { kind: 'ask_identity', origin, organizations: trust.organizations, anyOrigin };
  }
  if (anyOrigin) return { kind: 'allow', origin, credentials: false };
  return { kind: 'refuse', reason: 'not_allowed' };
}

/** The response headers for an allowed origin; a preflight also names the methods and headers. */
export function corsHeaders(
  decision: Extract<CorsDecision, { kind: 'allow' }>,
  preflight: boolean,
): Record<string, string> {
  const headers: Record<string, string> = { 'access-control-allow-origin': decision.origin, vary: 'Origin' };
  if (decision.credentials) headers['access-control-allow-credentials'] = 'true';
  if (preflight) {
    headers['access-control-allow-methods'] = ALLOWED_METHODS;
    headers['access-control-allow-headers'] = ALLOWED_HEADERS;
    headers['access-control-max-age'] = String(PREFLIGHT_MAX_AGE_SECONDS);
  } else {
    headers['access-control-expose-headers'] = EXPOSED_HEADERS;
  }
  return headers;
}
