import type { RowQuery } from '@latchkey/db';
import { BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { canAdminister, notAllowed } from '../../core/identity/privileges.ts';
import type { ObjectId } from './id.ts';
import type { Access, AnyObject, ObjectKind } from './kind.ts';

/** The owner of objects that belong to no organization (organizations, applications, global certs …). */
export const ADMIN_OWNER = 'admin';

/** The organization whose administrators administer an object; global objects belong to `built-in`. */
export function organizationOf<O extends AnyObject>(kind: ObjectKind<O>, object: O): string {
  if (kind.organizationOf) return kind.organizationOf(object);
  switch (kind.placement) {
    case 'organization':
      return String(object.owner);
    case 'organization-itself':
      return String(object.name);
    case 'admin-with-organization':
      return String(object.organization);
    case 'global-or-organization':
      return object.owner === ADMIN_OWNER ? BUILT_IN_ORGANIZATION : String(object.owner);
  }
}

export function accessTo<O extends AnyObject>(kind: ObjectKind<O>, identity: Identity, object: O): Access {
  if (canAdminister(identity, organizationOf(kind, object))) return 'admin';
  if (kind.selfOf?.(identity, object)) return 'self';
  if (kind.viewableBy?.(identity, object)) return 'viewer';
  return 'none';
}

export interface ScopeQuery {
  owner?: string;
  organization?: string;
}

/**
 * Which rows a get-<objects> call may see: a global administrator any it names (or all); anyone
 * else only their own organization's. Naming another organization is refused, never silently widened.
 */
export function listScope<O extends AnyObject>(
  kind: ObjectKind<O>,
  identity: Identity,
  query: ScopeQuery,
): Pick<RowQuery, 'key' | 'oneOf'> {
  const own = identity.kind === 'anonymous' ? '' : identity.organization;
  const requireAdmin = (organization: string) => {
    if (!canAdminister(identity, organization)) throw notAllowed();
  };
  switch (kind.placement) {
    case 'organization': {
      const owner = query.owner || (identity.isGlobalAdmin ? '' : own);
      if (!owner) return {};
      // A user lists their own objects of such a kind (their access keys), and nobody else's.
      if (kind.selfMay?.list && identity.kind === 'user' && !canAdminister(identity, owner)) {
        if (owner !== own) throw notAllowed();
        return { key: { owner, user: identity.name } };
      }
      requireAdmin(owner);
      return { key: { owner } };
    }
    case 'organization-itself':
      // Members read their own organization; only global administrators list the others.
      return identity.isGlobalAdmin ? { key: { owner: ADMIN_OWNER } } : { key: { owner: ADMIN_OWNER, name: own } };
    case 'admin-with-organization': {
      const organization =
        query.organization ||
        (query.owner && query.owner !== ADMIN_OWNER ? query.owner : '') ||
        (identity.isGlobalAdmin ? '' : own);
      if (!organization) return {};
      requireAdmin(organization);
      return { key: { organization } };
    }
    case 'global-or-organization': {
      const owner = query.owner || (identity.isGlobalAdmin ? '' : own);
      if (!owner) return {};
      if (owner === ADMIN_OWNER) return { key: { owner } };
      requireAdmin(owner);
      return { oneOf: { column: 'owner', values: [ADMIN_OWNER, owner] } };
    }
  }
}

/** The organization an id names before anything is read, where the id alone tells it. */
export function organizationNamedBy<O extends AnyObject>(kind: ObjectKind<O>, id: ObjectId): string | undefined {
  switch (kind.placement) {
    case 'organization':
      return id.owner;
    case 'organization-itself':
      return id.name;
    case 'global-or-organization':
      return id.owner === ADMIN_OWNER ? BUILT_IN_ORGANIZATION : id.owner;
    case 'admin-with-organization':
      return undefined;
  }
}

/**
 * An absent object is `null` for those who could see it; someone asking about another
 * organization's ids is refused either way, so that refusals do not tell what exists.
 */
export function refuseForeignId<O extends AnyObject>(kind: ObjectKind<O>, identity: Identity, id: ObjectId): void {
  const organization = organizationNamedBy(kind, id);
  if (organization === undefined || canAdminister(identity, organization)) return;
  // Whether an object with this id, and nothing else set, would be the caller's own.
  if (kind.selfOf?.(identity, { ...kind.codec.defaults(), owner: id.owner, name: id.name })) return;
  if (kind.placement === 'organization-itself' && identity.kind !== 'anonymous' && identity.organization === id.name)
    return;
  throw notAllowed();
}
