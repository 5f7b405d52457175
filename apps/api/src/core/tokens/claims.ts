import type { Application, Permission, Role, User } from '@latchkey/types';
import type { UserGrants } from './user-grants.ts';

/** Casdoor's token formats; an empty or unknown format means "JWT". */
export const tokenFormats = ['JWT', 'JWT-Empty', 'JWT-Standard', 'JWT-Custom'] as const;
export type TokenFormat = (typeof tokenFormats)[number];

export function tokenFormatOf(application: Pick<Application, 'tokenFormat'>): TokenFormat {
  return (tokenFormats as readonly string[]).includes(application.tokenFormat)
    ? (application.tokenFormat as TokenFormat)
    : 'JWT';
}

/** User fields that never go into a token, whatever the format: credentials, second factors and keys. */
const secretUserFields = new Set([
  'password',
  'passwordSalt',
  'passwordType',
  'accessKey',
  'accessSecret',
  'totpSecret',
  'recoveryCodes',
  'hash',
  'preHash',
]);

/** Scope values, split the way Casdoor does (spaces, or commas). */
export function scopeValues(scope: string): string[] {
  return scope
    .split(scope.includes(',') ? ',' : ' ')
    .map((value) => value.trim())
    .filter(Boolean);
}

/** A role or permission as Casdoor puts it into a user's claims: the whole object, its member list left out (`users: null`). */
const grantClaim = (grant: Role | Permission) => ({ ...grant, users: null });

/** Token fields that name the user's roles and permissions (JWT-Custom), which are then read for the token. */
const grantFields = new Set(['Roles', 'Permissions', 'permissionNames']);

/**
 * Whether the claims of the application's token format include the user's roles and permissions:
 * the full "JWT" format does, as in Casdoor; "JWT-Custom" when its token fields name them.
 */
export function claimsNeedGrants(application: Pick<Application, 'tokenFormat' | 'tokenFields'>): boolean {
  const format = tokenFormatOf(application);
  return (
    format === 'JWT' || (format === 'JWT-Custom' && application.tokenFields.some((field) => grantFields.has(field)))
  );
}

/** "JWT": the whole user but its secrets; `password` is present and blank, as in Casdoor's claims; its roles and permissions as objects. */
function fullUserClaims(user: User, grants: UserGrants | undefined): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const key in user) if (!secretUserFields.has(key)) claims[key] = user[key as keyof User];
  claims.password = '';
  claims.roles = grants?.roles.map(grantClaim) ?? [];
  claims.permissions = grants?.permissions.map(grantClaim) ?? [];
  return claims;
}

/** "JWT-Empty": who the user is and how to reach them. */
function shortUserClaims(user: User): Record<string, unknown> {
  return {
    owner: user.owner,
    name: user.name,
    id: user.id,
    displayName: user.displayName,
    avatar: user.avatar,
    email: user.email,
    ...(user.emailVerified ? { email_verified: true } : {}),
    phone: user.phone,
  };
}

/** "JWT-Standard": OpenID Connect claim names, the optional ones by scope. */
function standardUserClaims(user: User, scope: string): Record<string, unknown> {
  const claims: Record<string, unknown> = { owner: user.owner, id: user.id };
  if (user.name) claims.preferred_username = user.name;
  if (user.displayName) claims.name = user.displayName;
  if (user.avatar) claims.picture = user.avatar;
  if (user.email) claims.email = user.email;
  if (user.emailVerified) claims.email_verified = true;
  for (const value of scopeValues(scope)) {
    if (value === 'profile' && user.gender) claims.gender = user.gender;
    if (value === 'phone' && user.phone) {
      // Casdoor keeps a region code (`US`) beside the number, not a calling code: the number stays as entered.
      claims.phone_number = user.phone;
      claims.phone_number_verified = false;
    }
    if (value === 'address') claims.address = { street_address: user.address.map((line) => `${line}\n`).join('') };
  }
  return claims;
}

/**
 * The user field a `tokenFields` entry names. Casdoor writes them as Go field names
 * (`DisplayName`, `Properties.department`); camelCase works too.
 */
function customUserClaim(user: User, field: string, grants: UserGrants | undefined): [string, unknown] | undefined {
  if (field.startsWith('Properties.')) {
    const name = field.slice('Properties.'.length);
    return name && !name.includes('.') && Object.hasOwn(user.properties, name)
      ? [name, user.properties[name]]
      : undefined;
  }
  if (field === 'Roles') return ['roles', grants?.roles.map(grantClaim) ?? []];
  if (field === 'Permissions') return ['permissions', grants?.permissions.map(grantClaim) ?? []];
  if (field === 'permissionNames')
    return ['permissionNames', grants?.permissions.map((permission) => permission.name) ?? []];
  const key = field === 'Id' ? 'id' : field.charAt(0).toLowerCase() + field.slice(1);
  if (secretUserFields.has(key) || !Object.hasOwn(user, key)) return undefined;
  return [key, user[key as keyof User]];
}

/** "JWT-Custom": only the fields the administrator chose in `tokenFields`. */
function customUserClaims(
  user: User,
  fields: readonly string[],
  grants: UserGrants | undefined,
): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const field of fields) {
    const claim = customUserClaim(user, field, grants);
    if (claim) claims[claim[0]] = claim[1];
  }
  return claims;
}

/**
 * The claims that describe a user in a token of the application's format. `grants` are the user's
 * roles and permissions, read when claimsNeedGrants says the format carries them.
 */
export function userClaims(
  application: Application,
  user: User,
  scope: string,
  grants?: UserGrants,
): Record<string, unknown> {
  switch (tokenFormatOf(application)) {
    case 'JWT':
      return { ...fullUserClaims(user, grants), tag: user.tag };
    case 'JWT-Empty':
      return shortUserClaims(user);
    case 'JWT-Standard':
      return standardUserClaims(user, scope);
    case 'JWT-Custom':
      return customUserClaims(user, application.tokenFields, grants);
  }
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
