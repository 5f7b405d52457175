import type { AppContext } from '../core/context.ts';
import { identityFromAccessKey } from '../core/identity/credentials/access-key.ts';
import { identityFromAccessToken } from '../core/identity/credentials/access-token.ts';
import { parseAuthorizationHeader } from '../core/identity/credentials/authorization-header.ts';
import { identityFromClientSecret } from '../core/identity/credentials/client-secret.ts';
import { identityFromSessionCookie, readCookie, SESSION_COOKIE } from '../core/identity/credentials/session-cookie.ts';
import { identityFromUsernamePassword } from '../core/identity/credentials/username-password.ts';
import { anonymous, type Identity } from '../core/identity/identity.ts';
import { requestStateOf } from './request-state.ts';

/**
 * Who is calling, in Casdoor's order: access token (query `accessToken`/`access_token`, then
 * `Authorization: Bearer`); client id + secret (HTTP Basic, then `clientId` + `clientSecret`); access
 * key + secret; `username=org/name` + `password` (only without `grant_type`); the session cookie;
 * else anonymous. Credentials that are presented but wrong are an error, never anonymous. Nothing
 * is written into the cookie session.
 */

/** The caller of a request, worked out once however many steps ask (the body guard, the route's auth macro); kept in its state. */
export function identityOf(context: AppContext, request: Request): Promise<Identity> {
  const state = requestStateOf(request);
  state.identity ??= resolveIdentity(context, request);
  return state.identity;
}

/** The query of a URL without one (most requests), without parsing the URL. */
const noQuery: Pick<URLSearchParams, 'get' | 'has'> = new URLSearchParams();

export async function resolveIdentity(context: AppContext, request: Request): Promise<Identity> {
  const query = request.url.includes('?') ? new URL(request.url).searchParams : noQuery;
  const header = parseAuthorizationHeader(request.headers.get('authorization'));

  const queryToken = query.get('accessToken') || query.get('access_token');
  if (queryToken) return identityFromAccessToken(context, queryToken);
  if (header?.scheme === 'bearer') return identityFromAccessToken(context, header.token);

  if (header?.scheme === 'basic') return identityFromClientSecret(context, header.username, header.password);
  const clientId = query.get('clientId');
  const clientSecret = query.get('clientSecret');
  if (clientId && clientSecret) return identityFromClientSecret(context, clientId, clientSecret);

  const accessKey = query.get('accessKey');
  const accessSecret = query.get('accessSecret');
  if (accessKey && accessSecret) return identityFromAccessKey(context, accessKey, accessSecret);

  const username = query.get('username');
  const password = query.get('password');
  if (username && password && !query.has('grant_type')) {
    return identityFromUsernamePassword(context, username, password, requestStateOf(request).clientIp);
  }

  const cookie = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (cookie) return (await identityFromSessionCookie(context, cookie)) ?? anonymous;
  return anonymous;
}
