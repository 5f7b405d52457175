import type { TokenRecord } from '@latchkey/db';
import { type AppContext, nowSeconds } from '../../../core/context.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';

/** A refresh token lasts until its refreshExpiresAt, which rotation never moves. */
export function checkRefreshTokenNotExpired(context: AppContext, token: TokenRecord): void {
  if (token.refreshExpiresAt <= nowSeconds(context))
    throw new OAuthError('invalid_grant', 'oauth.refresh_token_expired');
}
