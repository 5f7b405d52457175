import type { Kysely, Transaction } from 'kysely';
import type { Application, Organization } from '@latchkey/types';
import { codecs } from '../codecs.ts';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Applications are owned by "admin"; their name is unique. */
export async function findApplication(db: Db, name: string): Promise<Application | undefined> {
  const row = await db.selectFrom('application').selectAll().where('owner', '=', 'admin').where('name', '=', name).executeTakeFirst();
  return row ? codecs.application.decode(row) : undefined;
}

export async function findApplicationByClientId(db: Db, clientId: string): Promise<Application | undefined> {
  if (!clientId) return undefined;
  const row = await db.selectFrom('application').selectAll().where('clientId', '=', clientId).executeTakeFirst();
  return row ? codecs.application.decode(row) : undefined;
}

export async function findOrganization(db: Db, name: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organization').selectAll().where('owner', '=', 'admin').where('name', '=', name).executeTakeFirst();
  return row ? codecs.organization.decode(row) : undefined;
}
