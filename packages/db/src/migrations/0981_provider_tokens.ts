import type { Kysely } from 'kysely';

/**
 * The tokens of the provider a user last signed in with (Casdoor's `originalToken` and
 * `originalRefreshToken`), sealed with the server's secret key; per provider they are also kept in
 * the user's properties (`oauth_<Type>_accessToken`, `oauth_<Type>_refreshToken`), sealed as well.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['originalToken', 'originalRefreshToken'])
    await db.schema
      .alterTable('user')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['originalToken', 'originalRefreshToken'])
    await db.schema.alterTable('user').dropColumn(column).execute();
}
