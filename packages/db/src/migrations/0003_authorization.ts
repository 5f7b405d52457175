import type { Kysely } from 'kysely';

/** Roles, permissions and the Casbin models, adapters, enforcers and policy lines behind them. Booleans are 0/1 integers and arrays or objects JSON text, the same on every dialect. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('role')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('users', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('groups', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('domains', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('role_pkey', ['owner', 'name'])
    .execute();

  await db.schema
    .createTable('permission')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('users', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('groups', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('domains', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('adapter', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resourceType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('resources', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('effect', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expireTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitter', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approver', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approveTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('permission_pkey', ['owner', 'name'])
    .execute();

  await db.schema
    .createTable('model')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updatedTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('modelText', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('model_pkey', ['owner', 'name'])
    .execute();

  await db.schema
    .createTable('adapter')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('databaseType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('host', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('port', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('database', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('table', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('tableNamePrefix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('useSameDb', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('adapter_pkey', ['owner', 'name'])
    .execute();

  await db.schema
    .createTable('enforcer')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updatedTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('model', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('adapter', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('enforcer_pkey', ['owner', 'name'])
    .execute();

  await db.schema
    .createTable('casbin_rule')
    .addColumn('id', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('adapter', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ptype', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('v0', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('v1', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('v2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('v3', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('v4', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('v5', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('casbin_rule_pkey', ['id'])
    .execute();
  await db.schema.createIndex('casbin_rule_adapter').on('casbin_rule').columns(['adapter', 'ptype']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('casbin_rule').execute();
  await db.schema.dropTable('enforcer').execute();
  await db.schema.dropTable('adapter').execute();
  await db.schema.dropTable('model').execute();
  await db.schema.dropTable('permission').execute();
  await db.schema.dropTable('role').execute();
}
