import type { TokenRecord } from '@latchkey/db';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import type { AuthenticatedClient } from '../client-auth.ts';

/**
 * The redirect_uri of the token request must be the one of the authorization request (RFC 6749
 * §4.1.3). Public clients must send it; Casdoor's server SDKs leave it out, which confidential
 * clients may.
 */
export function checkRedirectUriMatchesCode(
  code: TokenRecord,
  redirectUri: string | undefined,
  client: AuthenticatedClient,
): void {
  if (redirectUri === undefined) {
    if (client.method === 'none')
      throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'redirect_uri' });
    return;
  }
  if (redirectUri !== code.redirectUri) throw new OAuthError('invalid_grant', 'oauth.redirect_uri_mismatch');
}
