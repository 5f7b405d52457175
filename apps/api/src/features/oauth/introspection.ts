import { findApplication, findTokenByRefreshHash, type TokenRecord } from '@latchkey/db';
import type { Application } from '@latchkey/types';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { OAuthError } from '../../core/errors/oauth-error.ts';
import { applicationIdentity } from '../../core/identity/identity.ts';
import { canAdminister } from '../../core/identity/privileges.ts';
import { checkAccessToken } from '../../core/tokens/access-token.ts';
import { findTokenUser } from '../../core/tokens/token-user.ts';
import { authenticateClient, requireConfidentialClient } from './client-auth.ts';
import type { OAuthParameters } from './parameters.ts';

export type IntrospectionResponse = { active: false } | ({ active: true } & Record<string, unknown>);

const inactive: IntrospectionResponse = { active: false };

/** Registered claims shared by both kinds of token. */
function describe(context: AppContext, token: TokenRecord, application: Application) {
  return {
    scope: token.scope,
    client_id: application.clientId,
    ...(token.user ? { username: token.user } : {}),
    sub: token.userId || `${application.owner}/${application.name}`,
    aud: [application.clientId],
    iss: context.config.origin,
    jti: `admin/${token.name}`,
  };
}

async function introspectAccessToken(
  context: AppContext,
  raw: string,
): Promise<{ token: TokenRecord; application: Application; response: IntrospectionResponse } | undefined> {
  const check = await checkAccessToken(context, raw);
  if (!check.ok) return undefined;
  const { token, application, claims } = check;
  return {
    token,
    application,
    response: {
      active: true,
      ...describe(context, token, application),
      token_type: 'Bearer',
      exp: claims.exp,
      iat: claims.iat,
      nbf: claims.nbf,
    },
  };
}

async function introspectRefreshToken(
  context: AppContext,
  raw: string,
): Promise<{ token: TokenRecord; application: Application; response: IntrospectionResponse } | undefined> {
  const token = await findTokenByRefreshHash(context.db, sha256Hex(raw));
  if (!token || token.expiresIn <= 0 || token.refreshExpiresAt <= nowSeconds(context)) return undefined;
  const application = await findApplication(context.db, token.application);
  if (!application) return undefined;
  const issuedAt = Math.floor(Date.parse(token.createdTime) / 1000);
  return {
    token,
    application,
    response: { active: true, ...describe(context, token, application), exp: token.refreshExpiresAt, iat: issuedAt },
  };
}

/**
 * Token introspection (RFC 7662). The caller authenticates as a confidential client. A token is
 * described only to the clients of the organization it was issued in (an application of the
 * built-in organization sees every token); to any other caller, as to an unknown, expired or
 * revoked token, the answer is `{active: false}`.
 */
export async function introspect(
  context: AppContext,
  request: Request,
  parameters: OAuthParameters,
): Promise<IntrospectionResponse> {
  const client = await authenticateClient(context, request, parameters);
  requireConfidentialClient(client);
  const raw = parameters.get('token');
  if (!raw) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'token' });
  if (raw.length > 16384) return inactive;

  const order =
    parameters.get('token_type_hint') === 'refresh_token'
      ? [introspectRefreshToken, introspectAccessToken]
      : [introspectAccessToken, introspectRefreshToken];
  for (const lookup of order) {
    const found = await lookup(context, raw);
    if (!found) continue;
    if (!canAdminister(applicationIdentity(client.application, 'clientSecret'), found.application.organization))
      return inactive;
    if (found.token.user) {
      // As a bearer token is accepted: its user still exists and is neither forbidden nor deleted.
      const user = await findTokenUser(context, found.token);
      if (!user || user.isForbidden || user.isDeleted) return inactive;
    }
    return found.response;
  }
  return inactive;
}
