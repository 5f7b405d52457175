import type { Kysely } from 'kysely';

/** The user column that holds the id (sub) of a linked Apple account (Casdoor's `apple`), found by organization and id. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('user')
    .addColumn('apple', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('user_owner_apple').on('user').columns(['owner', 'apple']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('user_owner_apple').execute();
  await db.schema.alterTable('user').dropColumn('apple').execute();
}
