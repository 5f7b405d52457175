import type { Application, User } from '@latchkey/types';

/** User fields that never go into a token: credentials, second factors and keys. */
const secretUserFields = new Set(['password', 'passwordSalt', 'passwordType', 'accessKey', 'accessSecret', 'totpSecret', 'recoveryCodes', 'hash', 'preHash']);

/** The user as Casdoor's default "JWT" token format carries it: every field but the secret ones. */
export function casdoorUserClaims(user: User): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(user)) if (!secretUserFields.has(key)) claims[key] = value;
  // Casdoor's claim structs always carry the key, blank.
  claims.password = '';
  return claims;
}

/** The pseudo-user Casdoor puts into client-credentials tokens. */
export function applicationClaims(application: Application, createdTime: string): Record<string, unknown> {
  return {
    owner: application.owner,
    name: application.name,
    createdTime,
    id: `${application.owner}/${application.name}`,
    type: 'application',
    displayName: application.displayName,
  };
}
