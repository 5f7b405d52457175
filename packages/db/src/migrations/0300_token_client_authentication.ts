import type { Kysely } from 'kysely';

/**
 * How the client authenticated when a grant began (`none` for public clients using PKCE), so that a
 * refresh token of a confidential client is never redeemed without its secret.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('token')
    .addColumn('clientAuthMethod', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('token').dropColumn('clientAuthMethod').execute();
}
