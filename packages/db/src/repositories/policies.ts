import type { Permission, Role } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The policy rows of an organization that name any of the given members, with the field that names them. */
export async function findPolicyMemberships(
  db: Db,
  owner: string,
  members: readonly string[],
): Promise<{ field: string; member: string }[]> {
  return db
    .selectFrom('policy_member')
    .select(['field', 'member'])
    .where('member', 'in', [...members])
    .where('owner', '=', owner)
    .execute();
}

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
