import type { Webhook } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Every enabled webhook, of every organization. */
export async function listEnabledWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db.selectFrom('webhook').selectAll().where('isEnabled', '=', 1).execute();
  return rows.map((row) => codecs.webhook.decode(row));
}
