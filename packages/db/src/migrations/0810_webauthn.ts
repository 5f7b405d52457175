import type { Kysely } from 'kysely';

/**
 * Passkeys (WebAuthn): the credentials users register, several per user, each with a name and the
 * times it was added and last used; and the challenges handed to browsers, kept on the server until
 * one answer uses them (single use, a few minutes). The user row keeps Casdoor's
 * `webauthnCredentials` field: the list of the user's passkeys without their keys, as shown.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('user')
    .addColumn('webauthnCredentials', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('webauthn_credential')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('userId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('publicKey', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deviceType', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('backedUp', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('aaguid', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('createdTime', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lastUsedTime', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('webauthn_credential_user').on('webauthn_credential').column('userId').execute();
  await db.schema
    .createTable('webauthn_challenge')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('userId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pendingSignin', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expiresAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('webauthn_challenge_expires_at').on('webauthn_challenge').column('expiresAt').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webauthn_challenge_expires_at').execute();
  await db.schema.dropTable('webauthn_challenge').execute();
  await db.schema.dropIndex('webauthn_credential_user').execute();
  await db.schema.dropTable('webauthn_credential').execute();
  await db.schema.alterTable('user').dropColumn('webauthnCredentials').execute();
}
