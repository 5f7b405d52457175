import type { Kysely } from 'kysely';

/**
 * Casdoor's Session objects recorded through add-session: one user's sessions in one application,
 * kept with their creation time even while no sign-in session of theirs is live (the sign-in
 * sessions themselves stay in `session`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session_group')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('session_group_pkey', ['owner', 'name', 'application'])
    .execute();
  await db.schema.createIndex('session_group_application').on('session_group').column('application').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('session_group_application').execute();
  await db.schema.dropTable('session_group').execute();
}
