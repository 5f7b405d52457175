import type { Permission, Role } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { selectPrepared } from '../prepared.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The policy rows of an organization that name any of the given members, with the field that names
 * them. Read on every UserInfo call with the profile scope, so a prepared statement (one text per
 * number of members).
 */
export async function findPolicyMemberships(
  db: Db,
  owner: string,
  members: readonly string[],
): Promise<{ field: string; member: string }[]> {
  if (members.length === 0) return [];
  if (members.length <= PREPARED_MEMBERS)
    return selectPrepared<{ field: string; member: string }>(db, membershipQuery(members.length), [...members, owner]);
  // A user in many groups: a text of its own, not kept.
  return db
    .selectFrom('policy_member')
    .select(['field', 'member'])
    .where('member', 'in', [...members])
    .where('owner', '=', owner)
    .execute();
}

/** Up to this many members (a user, the wildcards and a few groups), the query's text is prepared once per count. */
const PREPARED_MEMBERS = 16;
const membershipQueries: string[] = [];
const membershipQuery = (count: number) =>
  (membershipQueries[count] ??=
    `select "field", "member" from "policy_member" where "member" in (${Array.from({ length: count }, () => '?').join(', ')}) and "owner" = ?`);

/** The enabled roles of an organization, oldest first. */
export async function listEnabledRoles(db: Db, owner: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('role')
    .selectAll()
    .where('owner', '=', owner)
    .where('isEnabled', '=', 1)
    .orderBy('createdTime')
    .execute();
  return rows.map((row) => codecs.role.decode(row));
}

/** The permissions of an organization, oldest first. */
export async function listPermissions(db: Db, owner: string): Promise<Permission[]> {
  const rows = await db
    .selectFrom('permission')
    .selectAll()
    .where('owner', '=', owner)
    .orderBy('createdTime')
    .execute();
  return rows.map((row) => codecs.permission.decode(row));
}
