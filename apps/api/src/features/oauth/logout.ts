import {
  findApplication,
  findApplicationByClientId,
  findSession,
  findTokenByAccessHash,
  findUserById,
  revokeTokenRow,
  type TokenRecord,
} from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { compactVerify } from 'jose';
import { BUILT_IN_APPLICATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { endSession } from '../../core/identity/browser-sessions.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { applicationSigningKey } from '../../core/tokens/signing-keys.ts';
import { claimedTokenName, unverifiedPayload } from '../../core/tokens/unverified-payload.ts';
import type { EndedAccess } from '../sso-logout/end-access.ts';
import { notifyLogout } from '../sso-logout/notify.ts';
import { authorizationResponseUrl } from './authorize/response.ts';
import { isRegisteredRedirectUri } from './checks/redirect-uri-registered.ts';

export interface LogoutRequest {
  identity: Identity;
  parameters: Record<string, string | undefined>;
}

export interface LogoutOutcome {
  /** Where to send the browser (a registered post-logout URI, with `state`). */
  redirect?: string;
  /** The signed-out user's id, when there was one. */
  data: string | null;
  /** The application's homepage, when known. */
  data2: string | null;
}

/** Who an id_token_hint names, and for which application. */
interface Hint {
  userId: string;
  application: Application;
  /** The hint was one of our access tokens (what Casdoor clients send): it is revoked. */
  accessToken?: TokenRecord;
}

const invalidHint = () => new ApiError('oauth.id_token_hint_invalid');

/**
 * Resolves an id_token_hint: an ID token we signed (its signature checked with the audience's cert
 * and algorithm; an expired one is still a good hint), or, as Casdoor clients send, one of our
 * access tokens, which is revoked as Casdoor does.
 */
async function resolveHint(context: AppContext, hint: string): Promise<Hint> {
  if (hint.length > 16384) throw invalidHint();
  const accessToken = await findTokenByAccessHash(context.db, claimedTokenName(hint) ?? '', sha256Hex(hint));
  if (accessToken) {
    const application = await findApplication(context.db, accessToken.application);
    if (!application) throw invalidHint();
    return { userId: accessToken.userId, application, accessToken };
  }
  const payload = unverifiedPayload(hint);
  const audience = Array.isArray(payload?.aud) ? payload.aud[0] : payload?.aud;
  if (
    !payload ||
    typeof audience !== 'string' ||
    payload.iss !== context.config.origin ||
    typeof payload.sub !== 'string'
  )
    throw invalidHint();
  const application = await findApplicationByClientId(context.db, audience);
  if (!application) throw invalidHint();
  const key = await applicationSigningKey(context, application);
  try {
    await compactVerify(hint, key.publicKey, { algorithms: [key.alg] });
  } catch {
    throw invalidHint();
  }
  return { userId: payload.sub, application };
}

function postLogoutRedirect(
  application: Application | undefined,
  redirectUri: string,
  state: string | undefined,
): string {
  if (!application || !isRegisteredRedirectUri(application, redirectUri))
    throw new ApiError('oauth.post_logout_redirect_uri_invalid');
  return authorizationResponseUrl(redirectUri, { state });
}

/**
 * Ends the browser's session (and revokes a hinted access token), then tells the applications
 * that used them, as every logout does: OIDC back-channel logout tokens and Casdoor's SSO-logout
 * notifications, in the background.
 */
async function endAccess(
  context: AppContext,
  user: User | undefined,
  sessionId: string | undefined,
  accessToken: TokenRecord | undefined,
): Promise<void> {
  const ended: EndedAccess = { sessions: [], tokens: [] };
  if (accessToken) {
    await revokeTokenRow(context.db, accessToken.name);
    ended.tokens.push({
      name: accessToken.name,
      application: accessToken.application,
      accessTokenHash: accessToken.accessTokenHash,
      sessionId: accessToken.sessionId,
    });
  }
  if (sessionId) {
    const session = await findSession(context.db, sessionId);
    await endSession(context, sessionId);
    if (session) ended.sessions.push({ sessionId, application: session.application });
  }
  if (user && (ended.sessions.length > 0 || ended.tokens.length > 0)) notifyLogout(context, user, ended, 'session');
}

/**
 * GET|POST /api/logout: ends the browser's session, with OpenID Connect RP-Initiated Logout 1.0.
 * `id_token_hint` names the user (their session ends only if it is the browser's); a
 * `post_logout_redirect_uri` must be registered for the application of the hint, of `client_id`
 * or of the session, else nothing is redirected and nothing ends; `state` is passed back.
 */
export async function logout(context: AppContext, { identity, parameters }: LogoutRequest): Promise<LogoutOutcome> {
  const { id_token_hint: hint, post_logout_redirect_uri: redirectUri, client_id: clientId, state } = parameters;
  const sessionUser = identity.kind === 'user' && identity.sessionId ? identity : undefined;
  const named = clientId ? await findApplicationByClientId(context.db, clientId) : undefined;
  if (clientId && !named) throw new ApiError('oauth.unknown_client');

  if (hint) {
    const resolved = await resolveHint(context, hint);
    if (named && named.name !== resolved.application.name) throw new ApiError('oauth.application_mismatch');
    const redirect = redirectUri ? postLogoutRedirect(resolved.application, redirectUri, state) : undefined;
    const ownSession = sessionUser && sessionUser.user.id === resolved.userId ? sessionUser : undefined;
    const user = ownSession?.user ?? (resolved.userId ? await findUserById(context.db, resolved.userId) : undefined);
    await endAccess(context, user, ownSession?.sessionId, resolved.accessToken);
    return { redirect, data: null, data2: null };
  }

  const session = sessionUser ? await findSession(context.db, sessionUser.sessionId!) : undefined;
  const application =
    named ?? (session?.application ? await findApplication(context.db, session.application) : undefined);
  const redirect = redirectUri ? postLogoutRedirect(application, redirectUri, state) : undefined;
  if (!sessionUser) return { redirect, data: null, data2: null };
  await endAccess(context, sessionUser.user, sessionUser.sessionId, undefined);
  const homepage =
    application && application.name !== BUILT_IN_APPLICATION && application.homepageUrl
      ? application.homepageUrl
      : null;
  return { redirect, data: sessionUser.id, data2: homepage };
}
