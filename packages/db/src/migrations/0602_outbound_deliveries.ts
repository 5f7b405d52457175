import type { Kysely } from 'kysely';

/**
 * Outbound messages (webhooks, logout notifications) waiting to be delivered, so that a pending
 * retry outlives the server that queued it and any server of the deployment can send it. The
 * message itself is sealed; a claim (who, until when) keeps two servers from sending one attempt.
 * Times are Unix milliseconds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbound_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retryDelaysMs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('nextAttemptAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('claimedBy', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('claimedUntil', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('afterDelivery', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('outbound_delivery_next_attempt')
    .on('outbound_delivery')
    .column('nextAttemptAt')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbound_delivery_next_attempt').execute();
  await db.schema.dropTable('outbound_delivery').execute();
}
