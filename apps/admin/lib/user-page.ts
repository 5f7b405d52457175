import 'server-only';
import { apiGet } from './api';
import { recordCaller } from './format';
import type { ObjectRow } from './objects';

/** How a role or permission reaches a user: directly, or through a group or a role. */
export interface Grant {
  id: string;
  displayName: string;
  /** Ids of the groups or roles it comes through; empty when it names the user. */
  via: string[];
}

export interface PermissionGrant extends Grant {
  effect: string;
  actions: string[];
  resources: string[];
}

export interface UserAccess {
  roles: Grant[];
  permissions: PermissionGrant[];
  /** A list the API refused (its message). */
  error?: string;
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/**
 * The roles that include a user (by name, by the organization's wildcard, or through one of the
 * user's groups) and the permissions that follow from the user, those roles and those groups, read
 * with get-roles and get-permissions of the user's organization.
 */
export async function userAccess(owner: string, name: string, groups: string[]): Promise<UserAccess> {
  const id = `${owner}/${name}`;
  const everyone = `${owner}/*`;
  const [roles, permissions] = await Promise.all([
    apiGet<ObjectRow[] | null>('/api/get-roles', { owner }),
    apiGet<ObjectRow[] | null>('/api/get-permissions', { owner }),
  ]);
  if (!roles.ok || !permissions.ok)
    return { roles: [], permissions: [], error: roles.ok ? permissions.msg : roles.msg };
  const reach = (row: ObjectRow, roleIds: Set<string>) => {
    const users = list(row.users);
    if (users.includes(id) || users.includes(everyone)) return { reached: true, via: [] as string[] };
    const via = [
      ...list(row.groups).filter((group) => groups.includes(group)),
      ...list(row.roles).filter((role) => roleIds.has(role)),
    ];
    return { reached: via.length > 0, via };
  };
  const grantOf = (row: ObjectRow, via: string[]) => ({
    id: `${row.owner}/${row.name}`,
    displayName: String(row.displayName || row.name),
    via,
  });
  const userRoles: Grant[] = [];
  for (const row of roles.data ?? []) {
    const { reached, via } = reach(row, new Set());
    if (reached) userRoles.push(grantOf(row, via));
  }
  const roleIds = new Set(userRoles.map((role) => role.id));
  const userPermissions: PermissionGrant[] = [];
  for (const row of permissions.data ?? []) {
    const { reached, via } = reach(row, roleIds);
    if (reached)
      userPermissions.push({
        ...grantOf(row, via),
        effect: String(row.effect ?? ''),
        actions: list(row.actions),
        resources: list(row.resources),
      });
  }
  return { roles: userRoles, permissions: userPermissions };
}

export interface Listed {
  rows: ObjectRow[];
  error?: string;
}

/** The user's sessions, one row per application (get-sessions, searched by the user's name). */
export async function userSessions(owner: string, name: string): Promise<Listed> {
  const result = await apiGet<ObjectRow[] | null>('/api/get-sessions', { owner, field: 'name', value: name });
  if (!result.ok) return { rows: [], error: result.msg };
  return { rows: (result.data ?? []).filter((row) => row.owner === owner && row.name === name) };
}

/** The user's tokens, newest first (get-tokens, by user). */
export async function userTokens(owner: string, name: string): Promise<Listed> {
  const result = await apiGet<ObjectRow[] | null>('/api/get-tokens', {
    owner: 'admin',
    organization: owner,
    field: 'user',
    value: name,
    p: 1,
    pageSize: 50,
    sortField: 'createdTime',
    sortOrder: 'descend',
  });
  if (!result.ok) return { rows: [], error: result.msg };
  return { rows: (result.data ?? []).filter((row) => row.organization === owner && row.user === name) };
}

/** The latest audit records of the user's own calls (get-records, by caller). */
export async function userRecords(owner: string, name: string): Promise<Listed> {
  const id = `${owner}/${name}`;
  const result = await apiGet<ObjectRow[] | null>('/api/get-records', {
    owner,
    organization: owner,
    field: 'user',
    value: id,
    p: 1,
    pageSize: 20,
    sortField: 'createdTime',
    sortOrder: 'descend',
  });
  if (!result.ok) return { rows: [], error: result.msg };
  return { rows: (result.data ?? []).filter((row) => recordCaller(row) === id) };
}
