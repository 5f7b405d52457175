import type { Kysely } from 'kysely';

/**
 * Syncers (Casdoor's objects that copy users from an outside database table into an organization)
 * and, apart from them, when each last ran and which server runs it now, so that the servers of
 * one deployment share one schedule and never run one syncer twice at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('syncer')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organization', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('databaseType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sslMode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sshType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('host', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('port', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sshHost', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sshPort', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sshUser', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sshPassword', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cert', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('database', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('table', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tableColumns', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('affiliationTable', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('avatarBaseUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('errorText', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('syncInterval', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('isReadOnly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('syncer_pkey', ['owner', 'name'])
    .execute();
  await db.schema.createIndex('syncer_organization').on('syncer').columns(['organization']).execute();
  await db.schema
    .createIndex('syncer_organization_created_time')
    .on('syncer')
    .columns(['organization', 'createdTime'])
    .execute();

  await db.schema
    .createTable('syncer_run')
    .addColumn('syncer', 'text', (c) => c.primaryKey())
    .addColumn('claimedBy', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('claimedUntil', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('lastStartedAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('lastFinishedAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('syncer_run').execute();
  await db.schema.dropIndex('syncer_organization_created_time').execute();
  await db.schema.dropIndex('syncer_organization').execute();
  await db.schema.dropTable('syncer').execute();
}
