import type { Kysely } from 'kysely';

/**
 * Verification codes sent by email or text message (sign-up, sign-in, forgotten password, a new
 * email or phone). A code is kept only as a keyed hash, bound to the organization, the account (or,
 * for sign-up, the destination alone) and the purpose it was sent for; it is spent once, expires,
 * and dies after a few wrong tries. The rows also count sends per destination and per address.
 * Times are Unix milliseconds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verification_code')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('userId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('destination', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('codeHash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('remoteAddr', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('failedAttempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('verifiedAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('usedAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('createdAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('expiresAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('verification_code_destination')
    .on('verification_code')
    .columns(['organization', 'destination', 'createdAt'])
    .execute();
  await db.schema
    .createIndex('verification_code_remote_addr')
    .on('verification_code')
    .columns(['remoteAddr', 'createdAt'])
    .execute();
  await db.schema.createIndex('verification_code_created_at').on('verification_code').column('createdAt').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('verification_code_created_at').execute();
  await db.schema.dropIndex('verification_code_remote_addr').execute();
  await db.schema.dropIndex('verification_code_destination').execute();
  await db.schema.dropTable('verification_code').execute();
}
