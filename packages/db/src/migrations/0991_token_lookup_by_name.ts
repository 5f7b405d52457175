import type { Kysely } from 'kysely';

/**
 * An access token's row is found by the token's `jti` (`admin/<name>`, the primary key) and then
 * compared with its hash, so the index on the hash goes: SHA-256 values are random, and every new
 * token wrote into a page of that index somewhere in the middle of it, which cost more than all the
 * other indexes of the row together.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('token_access_token_hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('token_access_token_hash').on('token').columns(['accessTokenHash']).execute();
}
