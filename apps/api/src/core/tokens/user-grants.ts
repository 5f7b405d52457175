import { findPolicyMemberships, listEnabledRoles, listPermissions } from '@latchkey/db';
import type { Permission, Role, User } from '@latchkey/types';
import type { AppContext } from '../context.ts';
import { grantsMemoryOf, type StandingGrants } from './remembered-grants.ts';

export interface UserGrants {
  roles: Role[];
  permissions: Permission[];
}

const noGrants: StandingGrants = Object.freeze({ roles: [], permissions: [] });

const isWildcard = (owner: string, id: string) => id === '*' || id === `${owner}/*`;

/** When an enabled, approved permission stops being in effect (NaN, never in effect, for an expiry that is no time). */
const expiryOf = (permission: Permission) => (permission.expireTime ? Date.parse(permission.expireTime) : Infinity);
const approved = (permission: Permission) =>
  permission.isEnabled && (!permission.state || permission.state === 'Approved');

type GrantSubject = Pick<User, 'owner' | 'name' | 'groups'>;

/**
 * Whether any role or permission of the user's organization names the user in its users or groups
 * list (by id, by one of the user's groups, or `organization/*`): one lookup in the member index
 * (migration 0600). A user reaches a role through a sub-role, and a permission through a role,
 * only by first being named so, hence none named means none held; what other organizations name
 * grants nothing here (grantsOf reads the user's organization only).
 */
async function isNamedByAnyPolicy(context: AppContext, user: GrantSubject): Promise<boolean> {
  const members = [...new Set([`${user.owner}/${user.name}`, `${user.owner}/*`, '*', ...user.groups])];
  const rows = await findPolicyMemberships(context.db, user.owner, members);
  // A group wildcard reaches only users who are in some group.
  return rows.some((row) => row.field === 'users' || !isWildcard(user.owner, row.member) || user.groups.length > 0);
}

/**
 * The roles a user holds (directly, through a group, or as a member of a sub-role) and the enabled,
 * approved permissions that reach them (by name, group, role or the organization's wildcard), with
 * their expiry. A user whom no role or permission names costs one indexed query.
 */
async function standingGrantsOf(context: AppContext, user: GrantSubject): Promise<StandingGrants> {
  if (!(await isNamedByAnyPolicy(context, user))) return noGrants;
  const id = `${user.owner}/${user.name}`;
  const [allRoles, allPermissions] = await Promise.all([
    listEnabledRoles(context.db, user.owner),
    listPermissions(context.db, user.owner),
  ]);
  const held = new Set(
    allRoles
      .filter((role) => role.users.includes(id) || role.groups.some((group) => user.groups.includes(group)))
      .map((role) => `${role.owner}/${role.name}`),
  );
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
  const permissions = allPermissions
    .filter(approved)
    .filter(
      (permission) =>
        permission.users.some((member) => member === id || isWildcard(user.owner, member)) ||
        permission.roles.some((role) => held.has(role) || (isWildcard(user.owner, role) && held.size > 0)) ||
        permission.groups.some(
          (group) => user.groups.includes(group) || (isWildcard(user.owner, group) && user.groups.length > 0),
        ),
    )
    .map((permission) => ({ permission, expiresAt: expiryOf(permission) }));
  return { roles: allRoles.filter((role) => held.has(`${role.owner}/${role.name}`)), permissions };
}

/**
 * The roles a user holds and the permissions in effect now that reach them (see standingGrantsOf),
 * from memory while no role, permission, group or user changed (remembered-grants.ts); expiry is
 * judged on every call. The roles and permissions are shared with other requests: not to be changed.
 * `lookedForChanges`: the request checked its bearer token through the bearer cache, which asked the
 * change feed for other processes' changes moments ago (GrantsMemory.get).
 */
export async function grantsOf(context: AppContext, user: GrantSubject, lookedForChanges = false): Promise<UserGrants> {
  const memory = grantsMemoryOf(context);
  let standing: StandingGrants;
  if (memory) {
    const key = JSON.stringify([user.owner, user.name, user.groups]);
    standing = memory.get(key, lookedForChanges) ?? (await memory.fill(key, () => standingGrantsOf(context, user)));
  } else standing = await standingGrantsOf(context, user);
  const now = context.clock.now().getTime();
  const permissions: Permission[] = [];
  for (const reaching of standing.permissions) if (reaching.expiresAt > now) permissions.push(reaching.permission);
  return { roles: [...standing.roles], permissions };
}

/** Each distinct value once, in first-seen order. */
export const distinct = (values: Iterable<string>) => [...new Set(values)];
