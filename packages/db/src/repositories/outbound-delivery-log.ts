import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What became of one delivery (see migration 0880). */
export type DeliveryLogEntry = ReturnType<typeof codecs.outbound_delivery_log.decode>;

/** Starts the log of a new delivery. */
export async function insertDeliveryLog(db: Db, entry: Partial<DeliveryLogEntry>): Promise<void> {
  await db.insertInto('outbound_delivery_log').values(codecs.outbound_delivery_log.encode(entry)).execute();
}

/** Records the outcome of an attempt; nothing happens for a delivery without a log. */
export async function updateDeliveryLog(
  db: Db,
  id: string,
  change: Pick<DeliveryLogEntry, 'state' | 'attempts' | 'lastStatus' | 'lastError' | 'nextAttemptAt' | 'updatedAt'>,
): Promise<void> {
  await db.updateTable('outbound_delivery_log').set(change).where('id', '=', id).execute();
}

/** The latest deliveries of a subject, newest first. */
export async function listDeliveryLog(db: Db, subject: string, limit: number): Promise<DeliveryLogEntry[]> {
  const rows = await db
    .selectFrom('outbound_delivery_log')
    .selectAll()
    .where('subject', '=', subject)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => codecs.outbound_delivery_log.decode(row));
}
