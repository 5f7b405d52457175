import type { IssuedTokens } from '../../core/tokens/issue.ts';
import type { TokenResponse } from './model.ts';

export type { TokenResponse } from './model.ts';

/** The successful token response (RFC 6749 §5.1), with Casdoor's field set. */
export function tokenResponse(issued: IssuedTokens): TokenResponse {
  return {
    access_token: issued.accessToken,
    ...(issued.idToken ? { id_token: issued.idToken } : {}),
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    scope: issued.scope,
  };
}
