import { Role } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { formatId } from '../objects/id.ts';
import { defineKind } from '../objects/kind.ts';
import { checkMembers, withoutEmpty } from '../objects/members.ts';

async function checkRole(context: AppContext, role: Role, changed?: ReadonlySet<string>): Promise<Role> {
  for (const field of ['users', 'groups', 'roles', 'domains'] as const) role[field] = withoutEmpty(role[field]);
  const touched = (field: string) => !changed || changed.has(field) || changed.has('name');
  if (touched('users')) await checkMembers(context, role.owner, 'users', role.users, 'user');
  if (touched('groups')) await checkMembers(context, role.owner, 'groups', role.groups, 'group');
  if (touched('roles'))
    await checkMembers(context, role.owner, 'roles', role.roles, 'role', { exclude: formatId(role.owner, role.name) });
  return role;
}

/** Roles: users, groups and sub-roles of one organization (ids `organization/name`), used by permissions. */
export const roleKind = defineKind<Role>({
  name: 'role',
  schema: Role,
  placement: 'organization',
  listing: {
    filterable: { name: 'text', displayName: 'text', description: 'text', isEnabled: 'flag' },
    sortable: ['createdTime', 'name', 'displayName'],
  },
  hooks: {
    prepareAdd: (context, role) => checkRole(context, role),
    prepareUpdate: (context, role, { changed }) => checkRole(context, role, changed),
  },
  references: [
    { table: 'role', column: 'roles', holds: 'id-list' },
    { table: 'permission', column: 'roles', holds: 'id-list' },
    { table: 'plan', column: 'role', holds: 'name', within: 'owner' },
  ],
});
