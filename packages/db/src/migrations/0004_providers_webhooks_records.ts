import type { Kysely } from 'kysely';

/** Third-party providers, webhooks and the audit log. Booleans are 0/1 integers and arrays or objects JSON text, the same on every dialect. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('provider')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('subType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('clientId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('clientSecret', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('clientId2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('clientSecret2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cert', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('customAuthUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('customTokenUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('customUserInfoUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('customLogo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('userMapping', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('httpHeaders', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('host', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('port', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('disableSsl', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('receiver', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('regionId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('templateCode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('appId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('endpoint', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('intranetEndpoint', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('domain', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bucket', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pathPrefix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('idP', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('issuerUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enableSignAuthnRequest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('emailRegex', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enablePkce', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('providerUrl', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('provider_pkey', ['owner', 'name'])
    .execute();

  await db.schema
    .createTable('webhook')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organization', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contentType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('events', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('isUserExtended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('singleOrgOnly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('isEnabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('maxRetries', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('retryInterval', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('webhook_pkey', ['owner', 'name'])
    .execute();
  await db.schema.createIndex('webhook_organization').on('webhook').columns(['organization']).execute();

  await db.schema
    .createTable('record')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organization', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('clientIp', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requestUri', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('action', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('object', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('response', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('statusCode', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('isTriggered', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('record_pkey', ['name'])
    .execute();
  await db.schema.createIndex('record_owner_created_time').on('record').columns(['owner', 'createdTime']).execute();
  await db.schema.createIndex('record_created_time').on('record').columns(['createdTime']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('record').execute();
  await db.schema.dropTable('webhook').execute();
  await db.schema.dropTable('provider').execute();
}
