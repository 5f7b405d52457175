import type { Webhook } from '@latchkey/types';
import type { Kysely, Transaction } from 'kysely';
import { codecs } from '../codecs.ts';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Every enabled webhook, of every organization. */
export async function listEnabledWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db.selectFrom('webhook').selectAll().where('isEnabled', '=', 1).execute();
  return rows.map((row) => codecs.webhook.decode(row));
}
