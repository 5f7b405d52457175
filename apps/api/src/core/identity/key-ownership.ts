import { findApplication, findUser } from '@latchkey/db';
import type { Key } from '@latchkey/types';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import type { Identity } from './identity.ts';
import { canAdminister, notAllowed, requireSignedIn } from './privileges.ts';

export type KeyOwnerFields = Pick<Key, 'owner' | 'organization' | 'user' | 'application'>;

/**
 * The rule for access-key objects (add-key, update-key): a key is always pinned to the caller's
 * own organization, so nobody can mint a key that signs in as someone they could not act as.
 * - a global administrator may place a key in any organization;
 * - an organization administrator (a user with isAdmin, or an application) only in their own, for
 *   a user of it or an application of it; naming another organization is refused, not rewritten;
 * - any other user only for themselves, never for an application.
 * On update, the key being changed must itself belong to an organization the caller administers
 * (or be the caller's own key). Answers the fields to store.
 */
export async function pinKeyToCaller(
  context: AppContext,
  identity: Identity,
  key: KeyOwnerFields,
  existing?: KeyOwnerFields,
): Promise<KeyOwnerFields> {
  requireSignedIn(identity);
  if (existing) {
    const ownKey =
      identity.kind === 'user' &&
      existing.organization === identity.organization &&
      existing.user === identity.name &&
      !existing.application;
    if (!ownKey && !canAdminister(identity, existing.organization || existing.owner)) throw notAllowed();
  }

  const requested = key.organization || key.owner || identity.organization;
  if (key.owner && key.organization && key.owner !== key.organization) throw notAllowed();
  const organization = identity.isGlobalAdmin ? requested : identity.organization;
  if (requested !== organization) throw notAllowed();

  if (!canAdminister(identity, organization)) {
    // A user who administers nothing: their own key only.
    if (identity.kind !== 'user' || key.application || (key.user && key.user !== identity.name)) throw notAllowed();
    return { owner: organization, organization, user: identity.name, application: '' };
  }

  if (key.user && key.application) throw new ApiError('auth.key_needs_one_holder');
  if (!key.user && !key.application) throw new ApiError('auth.key_needs_one_holder');
  if (key.user && !(await findUser(context.db, organization, key.user)))
    throw new ApiError('auth.user_not_found', { id: `${organization}/${key.user}` });
  if (key.application) {
    const application = await findApplication(context.db, key.application);
    if (!application || application.organization !== organization) throw notAllowed();
  }
  return { owner: organization, organization, user: key.user, application: key.application };
}
