import { findUser, findUserById } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { UserIdentity } from '../../core/identity/identity.ts';
import { applicationOfUser } from '../integrations/caller-provider.ts';
import { signInProvidersOf } from './application-providers.ts';
import { unlinkAccount } from './links.ts';
import { providerTypeNamed } from './provider-types.ts';

export interface UnlinkRequest {
  providerType?: string;
  providerName?: string;
  /** The user to unlink (Casdoor sends the whole object; its owner and name, or id, are read). */
  user?: { owner?: string; name?: string; id?: string };
}

async function targetOf(context: AppContext, caller: UserIdentity, named: UnlinkRequest['user']): Promise<User> {
  if (!named || (!named.id && !named.name)) return caller.user;
  const user = named.id
    ? await findUserById(context.db, named.id)
    : await findUser(context.db, named.owner || caller.user.owner, named.name ?? '');
  if (!user) throw new ApiError('auth.user_not_found', { id: named.id || `${named.owner}/${named.name}` });
  return user;
}

/**
 * POST /api/unlink, as Casdoor: a user unlinks their own account of a provider type when their
 * application's item for it allows it (`canUnlink`); a global administrator unlinks anyone's.
 */
export async function unlinkProvider(context: AppContext, caller: UserIdentity, input: UnlinkRequest): Promise<void> {
  const target = await targetOf(context, caller, input.user);
  const self = target.id === caller.user.id;
  if (!self && !caller.isGlobalAdmin) throw new ApiError('general.unauthorized_operation');
  let type = providerTypeNamed(input.providerType ?? '');
  if (self && !caller.isGlobalAdmin) {
    const application = await applicationOfUser(context, target);
    const offered = application ? await signInProvidersOf(context, application) : [];
    const entry =
      offered.find((candidate) => input.providerName && candidate.provider.name === input.providerName) ??
      offered.find((candidate) => candidate.type.type.toLowerCase() === (input.providerType ?? '').toLowerCase());
    if (!entry) throw new ApiError('federation.unlink_not_allowed', { type: input.providerType ?? '' });
    if (!entry.item.canUnlink) throw new ApiError('federation.unlink_not_allowed', { type: entry.type.type });
    type = entry.type;
  }
  if (!type) throw new ApiError('federation.type_unknown', { type: input.providerType ?? '' });
  await unlinkAccount(context, target, type);
}
