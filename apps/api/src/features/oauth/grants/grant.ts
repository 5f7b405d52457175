import type { AppContext } from '../../../core/context.ts';
import type { AuthenticatedClient } from '../client-auth.ts';
import type { OAuthParameters } from '../parameters.ts';
import type { TokenResponse } from '../token-response.ts';

export interface GrantRequest {
  /** The HTTP request, for the audit log's notes. */
  request: Request;
  client: AuthenticatedClient;
  parameters: OAuthParameters;
  clientIp: string;
}

/** One grant type of the token endpoint. */
export type GrantHandler = (context: AppContext, request: GrantRequest) => Promise<TokenResponse>;
