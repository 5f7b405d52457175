import { issueTokens } from '../../../core/tokens/issue.ts';
import { checkScopeSyntax } from '../checks/scope-syntax.ts';
import { requireConfidentialClient } from '../client-auth.ts';
import { tokenResponse } from '../token-response.ts';
import type { GrantHandler } from './grant.ts';

/**
 * client_credentials (RFC 6749 §4.4): a confidential client gets an access token for itself, which
 * acts as administrator of its own organization. No refresh token and no ID token: there is no
 * end-user.
 */
export const clientCredentialsGrant: GrantHandler = async (context, { client, parameters }) => {
  requireConfidentialClient(client);
  const scope = checkScopeSyntax(parameters.get('scope'));
  const issued = await issueTokens(context, {
    application: client.application,
    scope,
    grantType: 'client_credentials',
    withRefreshToken: false,
    withIdToken: false,
    clientAuthMethod: client.method,
  });
  return tokenResponse(issued);
};
