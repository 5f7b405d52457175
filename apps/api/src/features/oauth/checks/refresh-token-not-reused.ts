import type { TokenRecord } from '@latchkey/db';
import { revokeFamily } from '@latchkey/db';
import type { AppContext } from '../../../core/context.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';

/**
 * A refresh token is redeemed once: rotation retires it. Presenting a retired or revoked one again
 * means it leaked, and the whole grant it belongs to is revoked (RFC 9700 §4.14.2, ASVS 10.4.5).
 */
export async function checkRefreshTokenNotReused(context: AppContext, token: TokenRecord): Promise<void> {
  if (token.refreshExpiresAt !== 0 && token.expiresIn > 0) return;
  await revokeRefreshFamily(context, token);
}

/** Revokes the grant of a refresh token that was presented twice, and refuses the request. */
export async function revokeRefreshFamily(context: AppContext, token: TokenRecord): Promise<never> {
  const revoked = await revokeFamily(context.db, token.familyId);
  context.log.warn('refresh token presented after it was rotated or revoked; its grant is revoked', {
    token: token.name,
    application: token.application,
    revoked,
  });
  throw new OAuthError('invalid_grant', 'oauth.refresh_token_reused');
}
