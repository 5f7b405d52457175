import { codecs, findRow } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { canAdminister, notAllowed, requireSignedIn } from '../../core/identity/privileges.ts';

/** Whether an object that names its buyer in `user` is the calling user's own (their order, payment …). */
export const isBuyer = (identity: Identity, object: { owner?: string; user?: string }) =>
  identity.kind === 'user' && object.owner === identity.organization && !!object.user && object.user === identity.name;

/** Whether the caller may act on a buyer's order or payment: the buyer, or an administrator of its organization. */
export const mayActFor = (identity: Identity, object: { owner: string; user: string }) =>
  isBuyer(identity, object) || canAdminister(identity, object.owner);

/**
 * Who buys in an organization: the calling user themselves, or — named by `userName` — a user of
 * the organization on whose behalf its administrator or application buys. A user buys only in
 * their own organization and only for themselves.
 */
export async function resolveBuyer(
  context: AppContext,
  identity: Identity,
  organization: string,
  userName: string | undefined,
): Promise<User> {
  requireSignedIn(identity);
  let name: string;
  if (userName) {
    const self = identity.kind === 'user' && identity.organization === organization && identity.name === userName;
    if (!self && !canAdminister(identity, organization)) throw notAllowed();
    name = userName;
  } else {
    if (identity.kind !== 'user') throw new ApiError('commerce.buyer_required');
    if (identity.organization !== organization) throw notAllowed();
    name = identity.name;
  }
  const row = await findRow(context.db, 'user', { owner: organization, name });
  if (!row) throw new ApiError('commerce.buyer_not_found', { id: `${organization}/${name}` });
  return codecs.user.decode(row) as User;
}
