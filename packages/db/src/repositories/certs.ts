import type { Kysely, Transaction } from 'kysely';
import type { Cert } from '@latchkey/types';
import { codecs } from '../codecs.ts';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A cert by name: the organization's own first, else the global one (owner "admin"). */
export async function findCertForOrganization(db: Db, name: string, organization: string): Promise<Cert | undefined> {
  const rows = await db.selectFrom('cert').selectAll().where('name', '=', name).where('owner', 'in', [organization, 'admin']).execute();
  const row = rows.find((candidate) => candidate.owner === organization) ?? rows[0];
  return row ? codecs.cert.decode(row) : undefined;
}

/** The certs of a type that the given owners hold, oldest first. */
export async function listCertsOfOwners(db: Db, owners: readonly string[], type: string): Promise<Cert[]> {
  const rows = await db.selectFrom('cert').selectAll().where('owner', 'in', [...owners]).where('type', '=', type).orderBy('createdTime').orderBy('owner').orderBy('name').execute();
  return rows.map((row) => codecs.cert.decode(row));
}
