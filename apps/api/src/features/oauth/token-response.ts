import type { IssuedTokens } from '../../core/tokens/issue.ts';
import type { TokenResponse } from './model.ts';

export type { TokenResponse } from './model.ts';

/** The successful token response (RFC 6749 §5.1), with Casdoor's field set. */
export function tokenResponse(issued: IssuedTokens): TokenResponse {
  // Built by assignment in the order of the fields (no spread per optional token).
  const response: Partial<TokenResponse> = { access_token: issued.accessToken };
  if (issued.idToken) response.id_token = issued.idToken;
  if (issued.refreshToken) response.refresh_token = issued.refreshToken;
  response.token_type = 'Bearer';
  response.expires_in = issued.expiresIn;
  response.scope = issued.scope;
  return response as TokenResponse;
}
