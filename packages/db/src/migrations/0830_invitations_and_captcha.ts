import type { Kysely } from 'kysely';

/**
 * Invitations (Casdoor's codes that let people sign up to an organization a number of times) and
 * the answers of the built-in image captcha, kept in the database so that every server of one
 * deployment can check an answer another one gave out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invitation')
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updatedTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('displayName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('isRegexp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quota', 'bigint', (c) => c.notNull().defaultTo(1))
    .addColumn('usedCount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('username', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('signupGroup', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('defaultCode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expireTime', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('invitation_pkey', ['owner', 'name'])
    .execute();
  await db.schema.createIndex('invitation_owner_code').on('invitation').columns(['owner', 'code']).execute();
  await db.schema
    .createIndex('invitation_owner_created_time')
    .on('invitation')
    .columns(['owner', 'createdTime'])
    .execute();

  await db.schema
    .createTable('captcha_challenge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('answerHash', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expiresAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('captcha_challenge_expires_at').on('captcha_challenge').columns(['expiresAt']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('captcha_challenge_expires_at').execute();
  await db.schema.dropTable('captcha_challenge').execute();
  await db.schema.dropIndex('invitation_owner_created_time').execute();
  await db.schema.dropIndex('invitation_owner_code').execute();
  await db.schema.dropTable('invitation').execute();
}
