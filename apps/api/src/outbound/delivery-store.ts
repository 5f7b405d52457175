import { randomUUID } from 'node:crypto';
import { codecs, type Database } from '@latchkey/db';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { AfterDelivery } from './after-delivery.ts';
import type { OutboundMethod } from './http-send.ts';
import { errorMessage } from '../errors/error-message.ts';

/** What is sent: kept sealed in the row, since a message may carry tokens, user data or credentials. */
export type OutboundMessage = { url: string } & (
  | { method: 'GET' | 'POST'; form: Record<string, string> }
  | { method: OutboundMethod; form?: undefined; body?: { contentType: string; content: string }; headers?: Record<string, string> }
);

/** A delivery as read back by the server that claimed it. */
export interface StoredDelivery {
  id: string;
  kind: string;
  /** Whose configuration named the receiver: the deliveries of one organization share its concurrency slots. */
  organization: string;
  message: OutboundMessage;
  attempts: number;
  retryDelaysMs: number[];
  afterDelivery: AfterDelivery | null;
}

type Db = Kysely<Database>;

/**
 * Writes a new delivery, due now and already claimed by the server writing it (which makes the
 * first attempt at once). Answers the row's id.
 */
export async function insertDelivery(
  context: AppContext,
  delivery: { kind: string; organization?: string; message: OutboundMessage; retryDelaysMs: readonly number[]; afterDelivery?: AfterDelivery; claim?: { by: string; until: number } },
  now: number,
): Promise<string> {
  const id = randomUUID();
  await context.db
    .insertInto('outbound_delivery')
    .values(
      codecs.outbound_delivery.encode({
        id,
        kind: delivery.kind,
        // The organization is sealed with the message (it names whose receiver this is).
        message: context.secrets.seal(JSON.stringify({ ...delivery.message, organization: delivery.organization ?? '' })),
        retryDelaysMs: [...delivery.retryDelaysMs],
        nextAttemptAt: now,
        claimedBy: delivery.claim?.by ?? '',
        claimedUntil: delivery.claim?.until ?? 0,
        afterDelivery: delivery.afterDelivery ? JSON.stringify(delivery.afterDelivery) : '',
        createdAt: now,
      }),
    )
    .execute();
  return id;
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
export async function claimDelivery(db: Db, id: string, claim: { by: string; until: number }, now: number): Promise<boolean> {
  const result = await db
    .updateTable('outbound_delivery')
    .set({ claimedBy: claim.by, claimedUntil: claim.until })
    .where('id', '=', id)
    .where('nextAttemptAt', '<=', now)
    .where('claimedUntil', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export class UnreadableDeliveryError extends Error {}

/** The delivery as claimed by `claimedBy`; undefined when the claim is no longer held (or the row is gone). */
export async function readClaimedDelivery(context: AppContext, id: string, claimedBy: string): Promise<StoredDelivery | undefined> {
  const found = await context.db.selectFrom('outbound_delivery').selectAll().where('id', '=', id).where('claimedBy', '=', claimedBy).executeTakeFirst();
  if (!found) return undefined;
  const row = codecs.outbound_delivery.decode(found);
  try {
    const { organization, ...message } = JSON.parse(context.secrets.open(row.message)) as OutboundMessage & { organization?: string };
    return {
      id: row.id,
      kind: row.kind,
      organization: typeof organization === 'string' ? organization : '',
      message: message as OutboundMessage,
      attempts: row.attempts,
      retryDelaysMs: row.retryDelaysMs,
      afterDelivery: row.afterDelivery ? (JSON.parse(row.afterDelivery) as AfterDelivery) : null,
    };
  } catch (error) {
    throw new UnreadableDeliveryError(errorMessage(error));
  }
}

/** Records a failed attempt and when the next one is due, and gives up the claim (if still held). */
export async function scheduleRetry(db: Db, id: string, claimedBy: string, attempts: number, nextAttemptAt: number): Promise<boolean> {
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
  await db.updateTable('outbound_delivery').set({ claimedBy: '', claimedUntil: 0 }).where('id', '=', id).where('claimedBy', '=', claimedBy).execute();
}

/** Removes a delivery that is done with: delivered, refused or given up. */
export async function deleteDelivery(db: Db, id: string): Promise<void> {
  await db.deleteFrom('outbound_delivery').where('id', '=', id).execute();
}
