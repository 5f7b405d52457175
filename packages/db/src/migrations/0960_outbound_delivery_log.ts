import type { Kysely } from 'kysely';

/**
 * What became of the deliveries that someone may ask about (a webhook's): one row per delivery,
 * kept after the delivery itself is done with, so that its administrators see the attempts, the
 * outcome and when the next retry is due. Nothing of the message is kept. Times are Unix
 * milliseconds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('outbound_delivery_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('maxAttempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lastStatus', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lastError', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('nextAttemptAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('createdAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updatedAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('outbound_delivery_log_subject')
    .on('outbound_delivery_log')
    .columns(['subject', 'createdAt'])
    .execute();
  await db.schema
    .createIndex('outbound_delivery_log_updated')
    .on('outbound_delivery_log')
    .column('updatedAt')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbound_delivery_log_updated').execute();
  await db.schema.dropIndex('outbound_delivery_log_subject').execute();
  await db.schema.dropTable('outbound_delivery_log').execute();
}
