import type { Kysely } from 'kysely';

/**
 * Request counts per client address and minute, shared by every server on one Postgres database,
 * so that a rate limit holds for the deployment rather than for each node. (A SQLite deployment is
 * one process and counts in memory; the table exists there too, empty, so both schemas are alike.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit')
    .addColumn('bucket', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('windowIndex', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rate_limit_pkey', ['bucket', 'key', 'windowIndex'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit').execute();
}
