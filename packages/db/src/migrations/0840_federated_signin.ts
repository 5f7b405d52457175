import type { Kysely } from 'kysely';

/** The user columns that hold a linked account's id at each kind of OAuth provider (Casdoor's names). */
const linkColumns = ['github', 'google', 'gitlab', 'azuread', 'discord', 'custom'] as const;

/**
 * Sign-in through OAuth and OpenID Connect providers: the linked account ids on users (found by
 * organization and id), and the sign-ins sent to a provider that have not come back yet, kept by
 * the server (keyed by the SHA-256 of their `state`, bound to a cookie of the browser that began
 * them, single use).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of linkColumns) {
    await db.schema
      .alterTable('user')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex(`user_owner_${column}`).on('user').columns(['owner', column]).execute();
  }
  await db.schema
    .createTable('federated_signin')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('browser', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('application', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('userId', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('nonce', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('codeVerifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('request', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expiresAt', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('federated_signin_expires_at').on('federated_signin').column('expiresAt').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('federated_signin').execute();
  for (const column of linkColumns) {
    await db.schema.dropIndex(`user_owner_${column}`).execute();
    await db.schema.alterTable('user').dropColumn(column).execute();
  }
}
