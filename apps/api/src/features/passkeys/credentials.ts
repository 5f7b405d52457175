import {
  deleteWebauthnCredential,
  findUser,
  findUserById,
  listWebauthnCredentials,
  renameWebauthnCredential,
  updateUserFields,
  type WebauthnCredentialRecord,
} from '@latchkey/db';
import type { User, WebauthnCredentialSummary } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { isSignedIn, pleaseSignIn, requireSelfOrAdminOf } from '../../core/identity/privileges.ts';

/** How many passkeys one user may have, and how long a name may be. */
export const MAX_PASSKEYS_PER_USER = 20;
export const MAX_PASSKEY_NAME_LENGTH = 100;

/** A passkey as the user object lists it: no public key, no counter. */
export const summaryOf = (record: WebauthnCredentialRecord): WebauthnCredentialSummary => ({
  id: record.id,
  name: record.name,
  createdTime: record.createdTime,
  lastUsedTime: record.lastUsedTime,
  backedUp: record.backedUp,
});

/**
 * Writes the list of a user's passkeys onto the user row (Casdoor's `webauthnCredentials`), from
 * the credentials table, which holds the keys; answers the list.
 */
export async function refreshPasskeyList(context: AppContext, userId: string): Promise<WebauthnCredentialSummary[]> {
  const summaries = (await listWebauthnCredentials(context.db, userId)).map(summaryOf);
  const user = await findUserById(context.db, userId);
  if (user) await updateUserFields(context.db, user.owner, user.name, { webauthnCredentials: summaries });
  return summaries;
}

/** The user a passkey route names (`owner` and `name`; both empty: the caller's own account), if the caller may manage their passkeys. */
export async function passkeyOwner(
  context: AppContext,
  identity: Identity,
  named: { owner: string; name: string },
): Promise<User> {
  if (!isSignedIn(identity)) throw pleaseSignIn();
  const self = !named.owner && !named.name && identity.kind === 'user';
  const owner = self ? identity.organization : named.owner;
  const name = self ? identity.name : named.name;
  requireSelfOrAdminOf(identity, owner, name);
  const user = await findUser(context.db, owner, name);
  if (!user) throw new ApiError('auth.user_not_found', { id: `${owner}/${name}` });
  return user;
}

/** A credential id as either Casdoor's console (standard base64) or a browser (base64url) writes it, in base64url. */
export const normalCredentialId = (id: string) => id.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export function checkPasskeyName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length > MAX_PASSKEY_NAME_LENGTH)
    throw new ApiError('passkey.name_too_long', { limit: MAX_PASSKEY_NAME_LENGTH });
  return trimmed;
}

export async function renamePasskey(
  context: AppContext,
  user: User,
  credentialId: string,
  name: string,
): Promise<WebauthnCredentialSummary[]> {
  const id = normalCredentialId(credentialId);
  if (!id) throw new ApiError('general.missing_parameter', { name: 'credentialID' });
  if (!(await renameWebauthnCredential(context.db, user.id, id, checkPasskeyName(name))))
    throw new ApiError('passkey.not_found');
  return refreshPasskeyList(context, user.id);
}

export async function removePasskey(
  context: AppContext,
  user: User,
  credentialId: string,
): Promise<WebauthnCredentialSummary[]> {
  const id = normalCredentialId(credentialId);
  if (!id) throw new ApiError('general.missing_parameter', { name: 'credentialID' });
  if (!(await deleteWebauthnCredential(context.db, user.id, id))) throw new ApiError('passkey.not_found');
  const remaining = await refreshPasskeyList(context, user.id);
  // The last passkey gone: a preferred factor that no longer exists would leave no second step to offer first.
  if (remaining.length === 0 && user.preferredMfaType === 'webauthn')
    await updateUserFields(context.db, user.owner, user.name, { preferredMfaType: '' });
  return remaining;
}
