import { findRow } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { canAdminister, notAllowed } from '../../core/identity/privileges.ts';
import { ADMIN_OWNER, organizationOf } from './access.ts';
import { formatId } from './id.ts';
import type { AnyObject, Caller, ObjectKind } from './kind.ts';
import { checkName } from './names.ts';

async function requireOrganization(context: AppContext, name: string): Promise<void> {
  if (!name) throw new ApiError('object.organization_required');
  const row = await findRow(context.db, 'organization', { owner: ADMIN_OWNER, name });
  if (!row) throw new ApiError('object.organization_not_found', { name });
}

/**
 * Where a new or moved object may go: the owner and organization its placement allows, in an
 * existing organization; for a kind that lets global administrators place it freely, they may name
 * any organization (see ObjectKind.globalAdminPlacesFreely).
 */
export async function checkPlacement<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  object: O,
  identity: Identity,
): Promise<void> {
  const owner = String(object.owner ?? '');
  if (kind.globalAdminPlacesFreely && identity.isGlobalAdmin && kind.placement === 'admin-with-organization') {
    const organization = organizationOf(kind, object);
    if (!organization) throw new ApiError('object.organization_required');
    checkName(organization);
    if (owner !== ADMIN_OWNER) await requireOrganization(context, owner);
    return;
  }
  switch (kind.placement) {
    case 'organization':
      return requireOrganization(context, owner);
    case 'organization-itself':
      if (owner !== ADMIN_OWNER) throw new ApiError('object.owner_must_be_admin');
      return;
    case 'admin-with-organization': {
      const organization = organizationOf(kind, object);
      if (owner !== ADMIN_OWNER && !(kind.ownerMayBeOrganization && owner === organization))
        throw new ApiError('object.owner_must_be_admin');
      return requireOrganization(context, organization);
    }
    case 'global-or-organization':
      if (owner !== ADMIN_OWNER) await requireOrganization(context, owner);
  }
}

/** A rename or a move: never of a built-in object; a new name must be valid, a move allowed for the kind and into an organization the caller administers. */
export function checkRenameOrMove<O extends AnyObject>(
  kind: ObjectKind<O>,
  caller: Caller,
  stored: O,
  next: O,
  changed: Set<string>,
): void {
  const renamed = changed.has('name');
  const moved = organizationOf(kind, next) !== organizationOf(kind, stored) || next.owner !== stored.owner;
  if (!renamed && !moved) return;
  if (kind.builtIns?.includes(formatId(String(stored.owner), String(stored.name))))
    throw new ApiError('object.built_in_protected', { id: formatId(String(stored.owner), String(stored.name)) });
  if (renamed) checkName(next.name);
  if (!moved) return;
  if (!kind.movable) throw new ApiError('object.cannot_move');
  if (!canAdminister(caller.identity, organizationOf(kind, next))) throw notAllowed();
}
