import type { Kysely } from 'kysely';

/**
 * What the periodic clean-up needs: each organization's `tokenRetentionDays` (Casdoor's: how long
 * expired tokens are kept; 0 means the default of 30 days), and indexes that find expired sessions
 * and old rate-limit windows without reading the whole table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organization')
    .addColumn('tokenRetentionDays', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('session_expire_time').on('session').column('expireTime').execute();
  await db.schema.createIndex('rate_limit_window').on('rate_limit').column('windowIndex').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rate_limit_window').execute();
  await db.schema.dropIndex('session_expire_time').execute();
  await db.schema.alterTable('organization').dropColumn('tokenRetentionDays').execute();
}
