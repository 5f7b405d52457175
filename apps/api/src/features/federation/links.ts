import { findFirstUserBy, findUserByLink, linkUserAccount, unlinkUserAccount, updateUserFields } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { openProviderToken, providerTokenProperty } from '../users/provider-tokens.ts';
import type { ExternalAccount, ProviderType } from './provider-types.ts';

/** Casdoor's names of what is kept of a linked account: `properties.oauth_<Type>_<field>`. */
const propertyFields = ['id', 'username', 'displayName', 'email', 'avatarUrl'] as const;
const propertyName = (type: ProviderType, field: string) => `oauth_${type.type}_${field}`;

/** The e-mail a user may take from a provider: a verified one that no other user of the organization holds. */
async function adoptableEmail(context: AppContext, organization: string, account: ExternalAccount, user?: User) {
  if (!account.emailVerified || !account.email) return '';
  const holder = await findFirstUserBy(context.db, 'email', account.email, organization);
  return !holder || (user && holder.id === user.id) ? account.email : '';
}

/**
 * The fields a link writes: the account in the user's properties (Casdoor's `oauth_<Type>_*`), and
 * the display name, avatar and (verified, unused) e-mail where the user has none.
 */
export async function linkedProfile(
  context: AppContext,
  organization: string,
  type: ProviderType,
  account: ExternalAccount,
  user?: User,
): Promise<Partial<User>> {
  const properties = { ...(user?.properties ?? {}) };
  for (const field of propertyFields) {
    const value = account[field];
    if (value) properties[propertyName(type, field)] = value;
    else delete properties[propertyName(type, field)];
  }
  const fields: Partial<User> = { properties };
  const tokens = account.tokens;
  if (tokens?.accessToken) {
    // Casdoor's: the type's tokens in the properties (a refresh token only when one came), the last ones on the user.
    properties[providerTokenProperty(type.type, 'accessToken')] = context.secrets.seal(tokens.accessToken);
    if (tokens.refreshToken)
      properties[providerTokenProperty(type.type, 'refreshToken')] = context.secrets.seal(tokens.refreshToken);
    fields.originalToken = context.secrets.seal(tokens.accessToken);
    fields.originalRefreshToken = tokens.refreshToken ? context.secrets.seal(tokens.refreshToken) : '';
  }
  if (!user?.displayName) fields.displayName = account.displayName || account.username || account.id;
  if (!user?.avatar && account.avatarUrl) fields.avatar = account.avatarUrl;
  if (!user?.email) {
    const email = await adoptableEmail(context, organization, account, user);
    if (email) Object.assign(fields, { email, emailVerified: true });
  }
  return fields;
}

/** The user of an organization linked to the account, if any. */
export function userLinkedTo(context: AppContext, organization: string, type: ProviderType, account: ExternalAccount) {
  return findUserByLink(context.db, organization, type.column, account.id);
}

/**
 * Links the account to a user: refused when another user of the organization holds it, or the user
 * already has another account of that kind linked. Linking the same account again only refreshes
 * the profile.
 */
export async function linkAccount(
  context: AppContext,
  user: User,
  type: ProviderType,
  account: ExternalAccount,
): Promise<void> {
  const holder = await userLinkedTo(context, user.owner, type, account);
  if (holder && holder.id !== user.id) throw new ApiError('federation.account_linked_elsewhere', { type: type.type });
  const current = user[type.column];
  if (current && current !== account.id) throw new ApiError('federation.already_linked', { type: type.type });
  const fields = await linkedProfile(context, user.owner, type, account, user);
  if (current === account.id) {
    await updateUserFields(context.db, user.owner, user.name, fields);
    return;
  }
  if (!(await linkUserAccount(context.db, user, type.column, account.id, fields)))
    throw new ApiError('federation.account_linked_elsewhere', { type: type.type });
}

/**
 * Removes a user's link of one kind and what was kept of the account (its tokens too, and the last
 * tokens on the user when they were this account's); refused when none is linked.
 */
export async function unlinkAccount(context: AppContext, user: User, type: ProviderType): Promise<void> {
  const properties = { ...user.properties };
  const accessToken = openProviderToken(
    context.secrets,
    properties[providerTokenProperty(type.type, 'accessToken')] ?? '',
  );
  for (const key of Object.keys(properties)) if (key.startsWith(`oauth_${type.type}_`)) delete properties[key];
  const fields: Partial<User> = { properties };
  if (accessToken && openProviderToken(context.secrets, user.originalToken) === accessToken)
    Object.assign(fields, { originalToken: '', originalRefreshToken: '' });
  if (!(await unlinkUserAccount(context.db, user, type.column, fields)))
    throw new ApiError('federation.not_linked', { type: type.type });
}
