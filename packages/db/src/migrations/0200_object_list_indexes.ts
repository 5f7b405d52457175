import type { Kysely } from 'kysely';

/**
 * Indexes behind the object lists: every list is narrowed by its organization and sorted by creation
 * time by default, so a page is read from an index in order instead of sorting the whole table.
 */
const ownerCreatedTime = [
  'group',
  'role',
  'permission',
  'model',
  'adapter',
  'enforcer',
  'key',
  'cert',
  'provider',
  'webhook',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ownerCreatedTime) {
    await db.schema.createIndex(`${table}_owner_created_time`).on(table).columns(['owner', 'createdTime']).execute();
  }
  await db.schema.createIndex('user_owner_is_online').on('user').columns(['owner', 'isOnline']).execute();
  await db.schema.createIndex('user_owner_display_name').on('user').columns(['owner', 'displayName']).execute();
  await db.schema
    .createIndex('application_organization_created_time')
    .on('application')
    .columns(['organization', 'createdTime'])
    .execute();
  await db.schema
    .createIndex('token_organization_created_time')
    .on('token')
    .columns(['organization', 'createdTime'])
    .execute();
  await db.schema
    .createIndex('webhook_organization_created_time')
    .on('webhook')
    .columns(['organization', 'createdTime'])
    .execute();
  await db.schema.createIndex('session_owner_created_time').on('session').columns(['owner', 'createdTime']).execute();
  await db.schema.createIndex('casbin_rule_adapter_v5').on('casbin_rule').columns(['adapter', 'v5']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'casbin_rule_adapter_v5',
    'session_owner_created_time',
    'webhook_organization_created_time',
    'token_organization_created_time',
    'application_organization_created_time',
    'user_owner_display_name',
    'user_owner_is_online',
    ...ownerCreatedTime.map((table) => `${table}_owner_created_time`),
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
