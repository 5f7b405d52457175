import type { Kysely } from 'kysely';

/** Stored files (Casdoor's resources): one row per file, named by its object key within its organization. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resource')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tag', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('parent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fileName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fileType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fileFormat', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('fileSize', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('resource_pkey', ['owner', 'name'])
    .execute();
  await db.schema.createIndex('resource_owner_created_time').on('resource').columns(['owner', 'createdTime']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('resource_owner_created_time').execute();
  await db.schema.dropTable('resource').execute();
}
