import type { Organization } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { selectPrepared } from '../prepared.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Organizations are owned by "admin"; their name is unique. Read on every call of a signed-in user
 * (get-account, the account pages), so a prepared statement.
 */
export async function findOrganization(db: Db, name: string): Promise<Organization | undefined> {
  const [row] = await selectPrepared<Record<string, unknown>>(
    db,
    'select * from "organization" where "owner" = ? and "name" = ?',
    ['admin', name],
  );
  return row ? codecs.organization.decode(row as never) : undefined;
}

/** The token format an organization gives its new applications; undefined when there is no such organization. */
export async function organizationDefaultTokenFormat(db: Db, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('organization')
    .select('defaultTokenFormat')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.defaultTokenFormat;
}

/** The application an organization names as its default; undefined when there is no such organization. */
export async function organizationDefaultApplication(db: Db, name: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('organization')
    .select('defaultApplication')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.defaultApplication;
}

/** Whether an organization deletes its users softly (marks them deleted and keeps the row). */
export async function organizationSoftDeletesUsers(db: Db, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('organization')
    .select('enableSoftDeletion')
    .where('name', '=', name)
    .executeTakeFirst();
  return Boolean(row?.enableSoftDeletion);
}

/** The names of the organizations, oldest first: all of them, or only the one named `only`. */
export async function listOrganizationNames(
  db: Db,
  only?: string,
): Promise<{ owner: string; name: string; displayName: string }[]> {
  let query = db.selectFrom('organization').select(['owner', 'name', 'displayName']).where('owner', '=', 'admin');
  if (only !== undefined) query = query.where('name', '=', only);
  return query.orderBy('createdTime').orderBy('name').execute();
}
