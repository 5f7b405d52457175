import { findFirstUserBy } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { canAdminister, notAllowed } from '../../core/identity/privileges.ts';
import { parseId } from '../objects/id.ts';
import { getObject, presentTo } from '../objects/read-service.ts';
import { userKind } from './kind.ts';

export interface UserLookup {
  id?: string;
  owner?: string;
  email?: string;
  phone?: string;
  /** The user's UUID (Casdoor's `userId`). */
  userId?: string;
}

const findBy = (
  context: AppContext,
  column: 'email' | 'phone' | 'id',
  value: string,
  owner: string,
): Promise<User | undefined> => findFirstUserBy(context.db, column, value, owner);

/**
 * get-user: by `id`, or by `owner` with `email`, `phone` or `userId`. Without an owner the search
 * covers the caller's own organization (every organization for a global administrator). A user
 * the caller may not read is refused; one that does not exist is null.
 */
export async function lookUpUser(context: AppContext, identity: Identity, lookup: UserLookup): Promise<User | null> {
  const column = lookup.email ? 'email' : lookup.phone ? 'phone' : lookup.userId ? 'id' : undefined;
  if (!column) return getObject(context, userKind, identity, lookup.id ?? '');
  const owner =
    lookup.owner ||
    (lookup.id
      ? parseId(lookup.id).owner
      : identity.isGlobalAdmin
        ? ''
        : identity.kind === 'anonymous'
          ? ''
          : identity.organization);
  const user = await findBy(context, column, (lookup.email ?? lookup.phone ?? lookup.userId)!, owner);
  if (!user) {
    if (owner && !canAdminister(identity, owner)) throw notAllowed();
    return null;
  }
  return presentTo(context, userKind, identity, user, { detail: true });
}
