import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import { issueTokens } from '../../../core/tokens/issue.ts';
import { checkPasswordLogin } from '../../account/login.ts';
import { noteAuditAction, noteAuditOrganization, noteAuditSignIn } from '../../objects/audit-target.ts';
import { checkScopeSyntax } from '../checks/scope-syntax.ts';
import { requireConfidentialClient } from '../client-auth.ts';
import { tokenResponse } from '../token-response.ts';
import type { GrantHandler } from './grant.ts';

/** A refused sign-in, as the token endpoint reports it: `invalid_grant` with the same message. */
async function signIn(
  context: AppContext,
  application: string,
  organization: string,
  username: string,
  password: string,
  clientIp: string,
) {
  try {
    const checked = await checkPasswordLogin(context, { application, organization, username, password, clientIp });
    // No second step here: a user who needs a second factor signs in through the authorization endpoint.
    if (checked.secondFactor) throw new ApiError('mfa.password_alone_refused');
    return checked.user;
  } catch (error) {
    if (error instanceof ApiError) throw new OAuthError('invalid_grant', error.code, error.params);
    throw error;
  }
}

/**
 * password (RFC 6749 §4.3), only for applications that list it (RFC 9700 advises against it): a
 * confidential client signs a user of its organization in, with the same lockout as every sign-in,
 * recorded in the audit log as action `login` as /api/login is.
 */
export const passwordGrant: GrantHandler = async (context, { request, client, parameters, clientIp }) => {
  requireConfidentialClient(client);
  noteAuditAction(request, 'login');
  noteAuditOrganization(request, client.application.organization);
  const username = parameters.get('username');
  const password = parameters.get('password');
  if (!username) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'username' });
  if (!password) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'password' });
  const scope = checkScopeSyntax(parameters.get('scope'));
  const { application } = client;
  const user = await signIn(context, application.name, application.organization, username, password, clientIp);
  noteAuditSignIn(request, user);
  const issued = await issueTokens(context, {
    application,
    user,
    scope,
    grantType: 'password',
    amr: ['pwd'],
    withRefreshToken: application.grantTypes.includes('refresh_token'),
    clientAuthMethod: client.method,
  });
  return tokenResponse(issued);
};
