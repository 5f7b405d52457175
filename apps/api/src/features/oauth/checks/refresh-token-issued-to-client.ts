import type { TokenRecord } from '@latchkey/db';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import type { AuthenticatedClient } from '../client-auth.ts';

/**
 * A refresh token is redeemed only by the client it was issued to, and a grant that began with a
 * client secret needs that secret again (RFC 6749 §6).
 */
export function checkRefreshTokenIssuedToClient(token: TokenRecord, client: AuthenticatedClient): void {
  if (token.application !== client.application.name)
    throw new OAuthError('invalid_grant', 'oauth.refresh_token_other_client');
  if (client.method === 'none' && token.clientAuthMethod !== 'none')
    throw new OAuthError('invalid_client', 'oauth.client_secret_required');
}
