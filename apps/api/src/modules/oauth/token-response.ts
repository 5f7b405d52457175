import type { IssuedTokens } from '../../tokens/issue.ts';

/** The successful token response (RFC 6749 §5.1), with Casdoor's field set. */
export interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

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
