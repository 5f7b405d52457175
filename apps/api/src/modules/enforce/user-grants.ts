import { codecs } from '@latchkey/db';
import type { Permission, Role, User } from '@latchkey/types';
import type { AppContext } from '../../context.ts';

export interface UserGrants {
  roles: Role[];
  permissions: Permission[];
}

const isWildcard = (owner: string, id: string) => id === '*' || id === `${owner}/*`;

function effective(permission: Permission, now: Date): boolean {
  if (!permission.isEnabled || (permission.state && permission.state !== 'Approved')) return false;
  return !permission.expireTime || Date.parse(permission.expireTime) > now.getTime();
}

/**
 * The roles a user holds (directly, through a group, or as a member of a sub-role) and the
 * permissions that reach them (by name, group, role or the organization's wildcard).
 */
export async function grantsOf(context: AppContext, user: Pick<User, 'owner' | 'name' | 'groups'>): Promise<UserGrants> {
  const id = `${user.owner}/${user.name}`;
  const [roleRows, permissionRows] = await Promise.all([
    context.db.selectFrom('role').selectAll().where('owner', '=', user.owner).where('isEnabled', '=', 1).orderBy('createdTime').execute(),
    context.db.selectFrom('permission').selectAll().where('owner', '=', user.owner).orderBy('createdTime').execute(),
  ]);
  const allRoles = roleRows.map((row) => codecs.role.decode(row));
  const held = new Set(allRoles.filter((role) => role.users.includes(id) || role.groups.some((group) => user.groups.includes(group))).map((role) => `${role.owner}/${role.name}`));
  for (let grew = true; grew; ) {
    grew = false;
    for (const role of allRoles) {
      const roleId = `${role.owner}/${role.name}`;
      if (!held.has(roleId) && role.roles.some((subRole) => held.has(subRole))) {
        held.add(roleId);
        grew = true;
      }
    }
  }
  const now = context.clock.now();
  const permissions = permissionRows
    .map((row) => codecs.permission.decode(row))
    .filter((permission) => effective(permission, now))
    .filter(
      (permission) =>
        permission.users.some((member) => member === id || isWildcard(user.owner, member)) ||
        permission.roles.some((role) => held.has(role) || (isWildcard(user.owner, role) && held.size > 0)) ||
        permission.groups.some((group) => user.groups.includes(group) || (isWildcard(user.owner, group) && user.groups.length > 0)),
    );
  return { roles: allRoles.filter((role) => held.has(`${role.owner}/${role.name}`)), permissions };
}

/** Each distinct value once, in first-seen order. */
export const distinct = (values: Iterable<string>) => [...new Set(values)];
