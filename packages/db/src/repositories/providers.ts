import type { Provider } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The providers with a name that an organization may use: its own and the global one (owner "admin"). */
export async function findProvidersNamed(db: Db, name: string, organization: string): Promise<Provider[]> {
  // The organization's own providers, or global ones: never another organization's.
  const rows = await db
    .selectFrom('provider')
    .selectAll()
    .where('name', '=', name)
    .where('owner', 'in', [organization, 'admin'])
    .execute();
  return rows.map((row) => codecs.provider.decode(row) as Provider);
}
