import type { AppContext } from '../../core/context.ts';
import { OAuthError } from '../../core/errors/oauth-error.ts';
import { checkGrantTypeAllowed } from './checks/grant-type-allowed.ts';
import { authenticateClient } from './client-auth.ts';
import { grantHandler } from './grants/index.ts';
import type { OAuthParameters } from './parameters.ts';
import type { TokenResponse } from './token-response.ts';

export interface TokenRequest {
  request: Request;
  parameters: OAuthParameters;
  clientIp: string;
}

/**
 * The token endpoint (RFC 6749 §3.2). Checks in order: a grant type is named; it is one we offer;
 * the client authenticates; the application lists the grant. Then the grant's own checks run.
 */
export async function handleTokenRequest(
  context: AppContext,
  { request, parameters, clientIp }: TokenRequest,
): Promise<TokenResponse> {
  const grantType = parameters.get('grant_type');
  if (!grantType) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'grant_type' });
  const grant = grantHandler(grantType);
  if (!grant)
    throw new OAuthError('unsupported_grant_type', 'oauth.grant_type_unsupported', {
      grantType: grantType.slice(0, 100),
    });
  const client = await authenticateClient(context, request, parameters);
  checkGrantTypeAllowed(client.application, grantType);
  return grant(context, { request, client, parameters, clientIp });
}

/**
 * Casdoor's refresh endpoint, POST /api/login/oauth/refresh_token: the refresh_token grant by
 * another path. grant_type may be left out; any other grant is refused.
 */
export async function handleRefreshRequest(context: AppContext, input: TokenRequest): Promise<TokenResponse> {
  const grantType = input.parameters.get('grant_type');
  if (grantType !== undefined && grantType !== 'refresh_token') {
    throw new OAuthError('unsupported_grant_type', 'oauth.refresh_endpoint_grant', {
      grantType: grantType.slice(0, 100),
    });
  }
  const parameters = new Map(input.parameters).set('grant_type', 'refresh_token');
  return handleTokenRequest(context, { ...input, parameters });
}
