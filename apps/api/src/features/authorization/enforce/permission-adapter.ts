import { type Database, findUserNames, findUsersMaybeInGroup, listEnabledRoles } from '@latchkey/db';
import type { Permission, Role } from '@latchkey/types';
import type { Adapter, Model } from 'casbin';
import type { Kysely } from 'kysely';
import { ApiError } from '../../../core/errors/api-error.ts';

/** How Casdoor names a group as a Casbin subject. */
export const groupSubject = (id: string) => `group:${id}`;

const wildcardOf = (owner: string, id: string) => (id === '*' ? `${owner}/*` : id);

/** Which policy value a token of the model's `p` definition takes from a permission. */
function valueFor(
  token: string,
  values: { sub: string; obj: string; act: string; dom: string; eft: string; id: string },
): string {
  const name = token.replace(/^p_/, '');
  switch (name) {
    case 'sub':
    case 'obj':
    case 'act':
    case 'dom':
    case 'eft':
      return values[name];
    case 'permissionId':
      return values.id;
    default:
      return '';
  }
}

/**
 * A read-only Casbin adapter that derives policy from our permission, role, group and user tables,
 * as Casdoor does: one `p` line per subject × resource × action (× domain) of each permission,
 * laid out by the model's own `p` tokens, and `g` lines for role members, sub-roles and group
 * members. Disabled, expired or unapproved permissions grant nothing; a Deny permission under a
 * model without `eft` is left out rather than read as an allow.
 */
export class PermissionPolicyAdapter implements Adapter {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly permissions: readonly Permission[],
    private readonly now: Date,
    /** The subjects being asked about: users named by an `organization/*` grant are linked to it. */
    private readonly requestSubjects: readonly string[] = [],
  ) {}

  /** Which of the asked-about subjects are users of an organization. */
  private async usersAmong(owner: string): Promise<string[]> {
    const names = this.requestSubjects
      .filter((subject) => subject.startsWith(`${owner}/`))
      .map((subject) => subject.slice(owner.length + 1));
    if (names.length === 0) return [];
    return (await findUserNames(this.db, owner, names)).map((name) => `${owner}/${name}`);
  }

  private effective(permission: Permission): boolean {
    if (!permission.isEnabled) return false;
    if (permission.state && permission.state !== 'Approved') return false;
    return !permission.expireTime || Date.parse(permission.expireTime) > this.now.getTime();
  }

  private readonly rolesByOwner = new Map<string, Promise<Role[]>>();

  private roles(owner: string): Promise<Role[]> {
    let roles = this.rolesByOwner.get(owner);
    if (!roles) {
      roles = listEnabledRoles(this.db, owner);
      this.rolesByOwner.set(owner, roles);
    }
    return roles;
  }

  /** The users of a group (`organization/*`: of any group of the organization). */
  private async groupMembers(groupId: string): Promise<string[]> {
    const [owner] = groupId.split('/');
    const rows = await findUsersMaybeInGroup(this.db, owner!, groupId);
    return rows
      .filter((row) => groupId.endsWith('/*') || (JSON.parse(row.groups || '[]') as string[]).includes(groupId))
      .map((row) => `${row.owner}/${row.name}`);
  }

  async loadPolicy(model: Model): Promise<void> {
    const pTokens = model.model.get('p')?.get('p')?.tokens ?? [];
    const hasEffect = pTokens.includes('p_eft');
    const grouping = model.model.get('g')?.get('g');
    const groupingArity = grouping ? (grouping.value.match(/_/g)?.length ?? 2) : 0;
    const links = new Map<string, string[]>();
    const link = (rule: string[]) => links.set(rule.join('\u0000'), rule.slice(0, groupingArity));

    for (const permission of this.permissions.filter((candidate) => this.effective(candidate))) {
      const effect = permission.effect === 'Deny' ? 'deny' : 'allow';
      if (effect === 'deny' && !hasEffect) continue;
      const domains = permission.domains.length > 0 ? permission.domains : [''];
      const subjects = [
        ...permission.users.map((user) => wildcardOf(permission.owner, user)),
        ...permission.groups.map((group) => groupSubject(wildcardOf(permission.owner, group))),
        ...permission.roles.map((role) => wildcardOf(permission.owner, role)),
      ];
      for (const sub of subjects)
        for (const obj of permission.resources)
          for (const act of permission.actions)
            for (const dom of domains) {
              model.addPolicy(
                'p',
                'p',
                pTokens.map((token) =>
                  valueFor(token, { sub, obj, act, dom, eft: effect, id: `${permission.owner}/${permission.name}` }),
                ),
              );
            }
      if (!grouping) continue;

      if (permission.users.some((user) => user === '*' || user === `${permission.owner}/*`)) {
        for (const user of await this.usersAmong(permission.owner))
          for (const dom of domains) link([user, `${permission.owner}/*`, dom]);
      }

      for (const group of permission.groups) {
        const id = wildcardOf(permission.owner, group);
        for (const member of await this.groupMembers(id))
          for (const dom of domains) link([member, groupSubject(id), dom]);
      }
      const roles = await this.roles(permission.owner);
      const byId = new Map(roles.map((role) => [`${role.owner}/${role.name}`, role]));
      const pending = permission.roles.flatMap((id) => (id === '*' || id.endsWith('/*') ? [...byId.keys()] : [id]));
      const visited = new Set<string>();
      while (pending.length > 0) {
        const id = pending.pop()!;
        const role = byId.get(id);
        if (!role || visited.has(id)) continue;
        visited.add(id);
        for (const dom of domains) {
          for (const user of role.users) link([user, id, dom]);
          for (const subRole of role.roles) link([subRole, id, dom]);
          for (const group of role.groups) {
            link([groupSubject(group), id, dom]);
            for (const member of await this.groupMembers(group)) link([member, groupSubject(group), dom]);
          }
        }
        pending.push(...role.roles);
      }
    }
    for (const rule of links.values()) model.addPolicy('g', 'g', rule);
  }

  async savePolicy(): Promise<boolean> {
    throw new ApiError('object.policy_read_only');
  }

  async addPolicy(): Promise<void> {
    throw new ApiError('object.policy_read_only');
  }

  async removePolicy(): Promise<void> {
    throw new ApiError('object.policy_read_only');
  }

  async removeFilteredPolicy(): Promise<void> {
    throw new ApiError('object.policy_read_only');
  }
}
