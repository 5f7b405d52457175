import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A row of the outbound delivery queue; its message is sealed by the server, which alone can open it. */
export type DeliveryRecord = ReturnType<typeof codecs.outbound_delivery.decode>;

/** Writes a new delivery row. */
export async function insertDeliveryRow(db: Db, delivery: Partial<DeliveryRecord>): Promise<void> {
  await db.insertInto('outbound_delivery').values(codecs.outbound_delivery.encode(delivery)).execute();
}

/** Ids of deliveries due by `now` that no server holds a claim on, soonest first. */
export async function dueDeliveries(db: Db, now: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('outbound_delivery')
    .select('id')
    .where('nextAttemptAt', '<=', now)
    .where('claimedUntil', '<=', now)
    .orderBy('nextAttemptAt')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Claims a due delivery for one attempt with a conditional update: of several servers trying at
 * once, exactly one changes the row. True when this claim won.
 */
export async function claimDelivery(
  db: Db,
  id: string,
  claim: { by: string; until: number },
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('outbound_delivery')
    .set({ claimedBy: claim.by, claimedUntil: claim.until })
    .where('id', '=', id)
    .where('nextAttemptAt', '<=', now)
    .where('claimedUntil', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The row of a delivery as claimed by `claimedBy`; undefined when the claim is no longer held (or the row is gone). */
export async function findClaimedDelivery(db: Db, id: string, claimedBy: string): Promise<DeliveryRecord | undefined> {
  const row = await db
    .selectFrom('outbound_delivery')
    .selectAll()
    .where('id', '=', id)
    .where('claimedBy', '=', claimedBy)
    .executeTakeFirst();
  return row ? codecs.outbound_delivery.decode(row) : undefined;
}

/** When a delivery is next due and until when it is claimed; undefined when the row is gone. */
export async function findDeliverySchedule(
  db: Db,
  id: string,
): Promise<{ nextAttemptAt: number; claimedUntil: number } | undefined> {
  const row = await db
    .selectFrom('outbound_delivery')
    .select(['nextAttemptAt', 'claimedUntil'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { nextAttemptAt: Number(row.nextAttemptAt), claimedUntil: Number(row.claimedUntil) } : undefined;
}

/** Records a failed attempt and when the next one is due, and gives up the claim (if still held). */
export async function scheduleRetry(
  db: Db,
  id: string,
  claimedBy: string,
  attempts: number,
  nextAttemptAt: number,
): Promise<boolean> {
  const result = await db
    .updateTable('outbound_delivery')
    .set({ attempts, nextAttemptAt, claimedBy: '', claimedUntil: 0 })
    .where('id', '=', id)
    .where('claimedBy', '=', claimedBy)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives up a claim without an attempt (the delivery waits for a concurrency slot); it stays due. */
export async function releaseClaim(db: Db, id: string, claimedBy: string): Promise<void> {
  await db
    .updateTable('outbound_delivery')
    .set({ claimedBy: '', claimedUntil: 0 })
    .where('id', '=', id)
    .where('claimedBy', '=', claimedBy)
    .execute();
}

/** Removes a delivery that is done with: delivered, refused or given up. */
export async function deleteDelivery(db: Db, id: string): Promise<void> {
  await db.deleteFrom('outbound_delivery').where('id', '=', id).execute();
}
