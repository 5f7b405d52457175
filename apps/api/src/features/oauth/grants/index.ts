import { authorizationCodeGrant } from './authorization-code.ts';
import { clientCredentialsGrant } from './client-credentials.ts';
import type { GrantHandler } from './grant.ts';
import { passwordGrant } from './password.ts';
import { refreshTokenGrant } from './refresh-token.ts';

/** The grant types of the token endpoint. Implicit and device flows are not offered. */
const grants: Readonly<Record<string, GrantHandler>> = {
  authorization_code: authorizationCodeGrant,
  client_credentials: clientCredentialsGrant,
  refresh_token: refreshTokenGrant,
  password: passwordGrant,
};

export const supportedGrantTypes = Object.keys(grants);

export function grantHandler(grantType: string): GrantHandler | undefined {
  return Object.hasOwn(grants, grantType) ? grants[grantType] : undefined;
}
