import { findRow } from '@latchkey/db';
import { Permission } from '@latchkey/types';
import { BUILT_IN_ORGANIZATION, BUILT_IN_PERMISSION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { formatId, parseId } from '../objects/id.ts';
import { type Caller, defineKind } from '../objects/kind.ts';
import { checkMembers, sameOrganizationId, withoutEmpty } from '../objects/members.ts';
import { SHARED_ADAPTERS } from './adapter-kind.ts';
import { DEFAULT_MODEL_ALIAS, SHARED_MODELS } from './model-kind.ts';

const EFFECTS = ['Allow', 'Deny'];

async function requireObject(
  context: AppContext,
  table: 'model' | 'adapter',
  field: string,
  id: string,
): Promise<void> {
  if (!id) return;
  const { owner, name } = parseId(id);
  if (!(await findRow(context.db, table, { owner, name })))
    throw new ApiError('object.member_not_found', { field, id });
}

async function checkPermission(
  context: AppContext,
  permission: Permission,
  caller: Caller,
  changed?: ReadonlySet<string>,
): Promise<Permission> {
  const touched = (field: string) => !changed || changed.has(field);
  for (const field of ['users', 'groups', 'roles', 'domains'] as const)
    permission[field] = withoutEmpty(permission[field]);
  permission.submitter ||= caller.id;
  permission.state ||= 'Approved';
  permission.model = sameOrganizationId(permission.owner, 'model', permission.model, [
    ...SHARED_MODELS,
    DEFAULT_MODEL_ALIAS,
  ]);
  permission.adapter = sameOrganizationId(permission.owner, 'adapter', permission.adapter, SHARED_ADAPTERS);
  permission.effect ||= 'Allow';
  if (!EFFECTS.includes(permission.effect))
    throw new ApiError('object.permission_effect_invalid', { effect: permission.effect });
  if (touched('users'))
    await checkMembers(context, permission.owner, 'users', permission.users, 'user', { wildcard: true });
  if (touched('groups'))
    await checkMembers(context, permission.owner, 'groups', permission.groups, 'group', { wildcard: true });
  if (touched('roles'))
    await checkMembers(context, permission.owner, 'roles', permission.roles, 'role', { wildcard: true });
  if (touched('model') && permission.model !== DEFAULT_MODEL_ALIAS)
    await requireObject(context, 'model', 'model', permission.model);
  if (touched('adapter')) await requireObject(context, 'adapter', 'adapter', permission.adapter);
  return permission;
}

/**
 * Permissions: who (users, groups, roles of the organization; `organization/*` for all) may do which
 * actions on which resources, under a Casbin model of the organization (`model`, an id) or the
 * built-in one (no model, or DEFAULT_MODEL_ALIAS). Enforcement reads them through the permission policy adapter.
 */
export const permissionKind = defineKind<Permission>({
  name: 'permission',
  schema: Permission,
  placement: 'organization',
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      description: 'text',
      resourceType: 'exact',
      model: 'exact',
      state: 'exact',
      isEnabled: 'flag',
    },
    sortable: ['createdTime', 'name', 'displayName', 'state'],
  },
  hooks: {
    prepareAdd: (context, permission, caller) => checkPermission(context, permission, caller),
    prepareUpdate: (context, permission, { caller, changed }) => checkPermission(context, permission, caller, changed),
  },
  builtIns: [formatId(BUILT_IN_ORGANIZATION, BUILT_IN_PERMISSION)],
});
