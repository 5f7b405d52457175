import { type Kysely, sql } from 'kysely';

/**
 * Refresh-token and code hashes are empty on most rows (client-credentials tokens, redeemed
 * codes' later rows): index only the rows that have one, so writing such a row updates two indexes
 * fewer. Lookups say `<> ''` so that the partial indexes serve them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('token_refresh_token_hash').execute();
  await db.schema.dropIndex('token_code_hash').execute();
  await db.schema
    .createIndex('token_refresh_token_hash')
    .on('token')
    .column('refreshTokenHash')
    .where(sql.ref('refreshTokenHash'), '<>', '')
    .execute();
  await db.schema
    .createIndex('token_code_hash')
    .on('token')
    .column('codeHash')
    .where(sql.ref('codeHash'), '<>', '')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('token_refresh_token_hash').execute();
  await db.schema.dropIndex('token_code_hash').execute();
  await db.schema.createIndex('token_refresh_token_hash').on('token').columns(['refreshTokenHash']).execute();
  await db.schema.createIndex('token_code_hash').on('token').columns(['codeHash']).execute();
}
