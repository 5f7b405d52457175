import type { Kysely } from 'kysely';

/**
 * Codes sent by email or text message as a second factor: a code asked for during a sign-in is
 * bound to that pending sign-in (the SHA-256 key of its row), so that it can complete no other.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('verification_code')
    .addColumn('pendingSignin', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('verification_code').dropColumn('pendingSignin').execute();
}
