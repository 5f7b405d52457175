import { findTokenByRefreshHash, rotateRefreshToken } from '@latchkey/db';
import { sha256Hex } from '../../../core/crypto/compare.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import { metrics } from '../../../core/metrics/metrics.ts';
import { mintTokens } from '../../../core/tokens/issue.ts';
import { checkRefreshTokenIssuedToClient } from '../checks/refresh-token-issued-to-client.ts';
import { checkRefreshTokenNotExpired } from '../checks/refresh-token-not-expired.ts';
import { checkRefreshTokenNotReused, revokeRefreshFamily } from '../checks/refresh-token-not-reused.ts';
import { checkScopeWithinGrant } from '../checks/scope-within-grant.ts';
import { checkUserMaySignIn } from '../checks/user-may-sign-in.ts';
import { tokenResponse } from '../token-response.ts';
import type { GrantHandler } from './grant.ts';

/**
 * refresh_token (RFC 6749 §6) with rotation: the presented refresh token is retired and a new
 * access, ID and refresh token are issued in the same family, in one transaction, keeping the
 * family's sign-in time and absolute expiry. Checks in order: the token exists; it belongs to this client (and a grant begun
 * with a secret needs it again); it was not retired or revoked (else its whole grant is revoked); it
 * has not expired; the scope is within the grant; the user may still sign in.
 */
export const refreshTokenGrant: GrantHandler = async (context, { client, parameters }) => {
  const presented = parameters.get('refresh_token');
  if (!presented) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'refresh_token' });
  const token = await findTokenByRefreshHash(context.db, sha256Hex(presented));
  if (!token) throw new OAuthError('invalid_grant', 'oauth.refresh_token_invalid');
  checkRefreshTokenIssuedToClient(token, client);
  await checkRefreshTokenNotReused(context, token);
  checkRefreshTokenNotExpired(context, token);
  const scope = checkScopeWithinGrant(parameters.get('scope'), token.scope);
  const user = await checkUserMaySignIn(context, client.application, token);

  const issued = await mintTokens(context, {
    application: client.application,
    user,
    scope,
    grantType: 'refresh_token',
    withRefreshToken: true,
    authTime: token.authTime,
    amr: token.amr ? token.amr.split(' ') : undefined,
    sessionId: token.sessionId,
    familyId: token.familyId,
    refreshExpiresAt: token.refreshExpiresAt,
    clientAuthMethod: token.clientAuthMethod === 'none' ? 'none' : client.method,
  });
  // The presented token is retired and its successor stored together, or neither.
  if (!(await rotateRefreshToken(context.db, token, issued.token))) await revokeRefreshFamily(context, token);
  metrics.recordTokenIssued('refresh_token');
  return tokenResponse(issued);
};
