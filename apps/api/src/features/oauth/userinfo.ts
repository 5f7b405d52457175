import type { Application, User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { scopeValues } from '../../core/tokens/claims.ts';
import { grantsOf } from '../../core/tokens/user-grants.ts';

/** Fields of the user behind each claim, by Casdoor's tokenFields names (a non-empty list restricts them). */
function allowedBy(application: Application) {
  const listed = new Set(application.tokenFields.map((field) => field.toLowerCase()));
  return (field: string) => listed.size === 0 || listed.has(field.toLowerCase());
}

/** The scope values of a token's scope, by scope text: a few texts, asked on every call. */
const scopesByText = new Map<string, ReadonlySet<string>>();
function scopesOf(scope: string): ReadonlySet<string> {
  let scopes = scopesByText.get(scope);
  if (!scopes) {
    if (scopesByText.size >= 1024) scopesByText.clear();
    scopes = new Set(scopeValues(scope));
    scopesByText.set(scope, scopes);
  }
  return scopes;
}

function profileClaims(user: User, allowed: (field: string) => boolean): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  const add = (field: string, claim: string, value: unknown) => {
    if (allowed(field) && value !== '' && value !== undefined) claims[claim] = value;
  };
  add('Name', 'preferred_username', user.name);
  add('DisplayName', 'name', user.displayName);
  add('FirstName', 'given_name', user.firstName);
  add('LastName', 'family_name', user.lastName);
  add('Avatar', 'picture', user.avatar);
  add('Homepage', 'website', user.homepage);
  add('Gender', 'gender', user.gender);
  add('Birthday', 'birthdate', user.birthday);
  add('Language', 'locale', user.language);
  if (allowed('Groups')) claims.groups = user.groups;
  const updated = Date.parse(user.updatedTime || user.createdTime);
  if (Number.isFinite(updated)) claims.updated_at = Math.floor(updated / 1000);
  return claims;
}

function addressClaim(user: User): Record<string, string> {
  const street = user.address.filter(Boolean).join('\n');
  const formatted = [street, user.location].filter(Boolean).join('\n');
  return {
    formatted,
    ...(street ? { street_address: street } : {}),
    ...(user.location ? { locality: user.location } : {}),
    ...(user.region ? { region: user.region } : {}),
    ...(user.countryCode ? { country: user.countryCode } : {}),
  };
}

/** With `profile`, the names of the user's roles and permissions, as Casdoor lists them (left out when there are none). */
async function grantClaims(
  context: AppContext,
  user: User,
  allowed: (field: string) => boolean,
): Promise<Record<string, string[]>> {
  if (!allowed('Roles') && !allowed('Permissions')) return {};
  // The bearer token was just checked through the bearer cache, which looked for other processes' changes.
  const { roles, permissions } = await grantsOf(context, user, true);
  const claims: Record<string, string[]> = {};
  if (allowed('Roles') && roles.length > 0) claims.roles = roles.map((role) => role.name);
  if (allowed('Permissions') && permissions.length > 0)
    claims.permissions = permissions.map((permission) => permission.name);
  return claims;
}

/**
 * The UserInfo response (OIDC Core 5.3): `sub`, `iss` and `aud` always; the standard claims of each
 * granted scope (profile, email, address, phone), and with `profile` the user's roles and
 * permissions by name; the application's tokenFields, when set, limit them as in Casdoor. Called
 * just after the request's bearer token was checked (protected-resource.ts tokenUser).
 */
export async function userinfoClaims(
  context: AppContext,
  application: Application,
  user: User,
  scope: string,
): Promise<Record<string, unknown>> {
  const allowed = allowedBy(application);
  const scopes = scopesOf(scope);
  const claims: Record<string, unknown> = { sub: user.id, iss: context.config.origin, aud: application.clientId };
  if (scopes.has('profile'))
    Object.assign(claims, profileClaims(user, allowed), await grantClaims(context, user, allowed));
  if (scopes.has('email') && allowed('Email') && user.email)
    Object.assign(claims, { email: user.email, email_verified: user.emailVerified });
  if (scopes.has('address') && allowed('Location')) claims.address = addressClaim(user);
  if (scopes.has('phone') && allowed('Phone') && user.phone)
    Object.assign(claims, { phone: user.phone, phone_number: user.phone, phone_number_verified: false });
  return claims;
}
