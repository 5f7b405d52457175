import { findUser, updateUserFields } from '@latchkey/db';
import { type AppContext, formatTime } from '../../core/context.ts';
import { newId, randomToken } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { requireSelfOrAdminOf } from '../../core/identity/privileges.ts';

export interface UserKeysRequest {
  identity: Identity;
  owner: string;
  name: string;
}

async function targetUser(context: AppContext, request: UserKeysRequest) {
  if (!request.owner || !request.name) throw new ApiError('general.missing_parameter', { name: 'owner/name' });
  requireSelfOrAdminOf(request.identity, request.owner, request.name);
  const user = await findUser(context.db, request.owner, request.name);
  if (!user) throw new ApiError('auth.user_not_found', { id: `${request.owner}/${request.name}` });
  return user;
}

/**
 * Gives a user a new access key + secret (Casdoor's /api/add-user-keys), replacing any previous
 * pair. Only the user and administrators of the user's organization may. Only these two fields are
 * written, whatever else the request body carries. The secret is kept encrypted at rest; the user
 * reads it back from /api/get-account.
 */
export async function addUserKeys(context: AppContext, request: UserKeysRequest): Promise<boolean> {
  const user = await targetUser(context, request);
  return updateUserFields(context.db, user.owner, user.name, {
    accessKey: newId(),
    accessSecret: context.secrets.seal(randomToken()),
    updatedTime: formatTime(context.clock.now()),
  });
}

/** Removes a user's access key + secret, so they no longer sign anything in. */
export async function deleteUserKeys(context: AppContext, request: UserKeysRequest): Promise<boolean> {
  const user = await targetUser(context, request);
  if (!user.accessKey && !user.accessSecret) return false;
  return updateUserFields(context.db, user.owner, user.name, {
    accessKey: '',
    accessSecret: '',
    updatedTime: formatTime(context.clock.now()),
  });
}
