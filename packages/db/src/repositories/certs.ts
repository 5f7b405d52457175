import type { Cert } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { selectPrepared } from '../prepared.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A cert by name: the organization's own first, else the global one (owner "admin"). */
export async function findCertForOrganization(db: Db, name: string, organization: string): Promise<Cert | undefined> {
  const rows = await db
    .selectFrom('cert')
    .selectAll()
    .where('name', '=', name)
    .where('owner', 'in', [organization, 'admin'])
    .execute();
  const row = rows.find((candidate) => candidate.owner === organization) ?? rows[0];
  return row ? codecs.cert.decode(row) : undefined;
}

/** The certs of a type that the given owners hold, oldest first. */
export async function listCertsOfOwners(db: Db, owners: readonly string[], type: string): Promise<Cert[]> {
  const rows = await db
    .selectFrom('cert')
    .selectAll()
    .where('owner', 'in', [...owners])
    .where('type', '=', type)
    .orderBy('createdTime')
    .orderBy('owner')
    .orderBy('name')
    .execute();
  return rows.map((row) => codecs.cert.decode(row));
}

/** The columns of a cert that signing needs. */
export type SigningCert = Pick<Cert, 'owner' | 'name' | 'cryptoAlgorithm' | 'certificate' | 'privateKey'>;

/**
 * The signing columns of a cert an application names: its organization's own, else the global one
 * (owner "admin"). Read whenever a token is signed or checked, so a prepared statement.
 */
export async function findSigningCert(db: Db, name: string, organization: string): Promise<SigningCert | undefined> {
  const rows = await selectPrepared<SigningCert>(
    db,
    'select "owner", "name", "cryptoAlgorithm", "certificate", "privateKey" from "cert" where "name" = ? and "owner" in (?, ?)',
    [name, organization, 'admin'],
  );
  return rows.find((candidate) => candidate.owner === organization) ?? rows[0];
}
