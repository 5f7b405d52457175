import type { Application } from '@latchkey/types';
import { OAuthError } from '../../../core/errors/oauth-error.ts';

/**
 * Every grant but authorization_code must be listed in the application's grantTypes (Casdoor's
 * rule, ASVS 10.4.4); an unlisted one is `unauthorized_client`.
 */
export function checkGrantTypeAllowed(application: Pick<Application, 'grantTypes'>, grantType: string): void {
  if (grantType === 'authorization_code') return;
  if (!application.grantTypes.includes(grantType))
    throw new OAuthError('unauthorized_client', 'oauth.grant_type_not_allowed', { grantType });
}
