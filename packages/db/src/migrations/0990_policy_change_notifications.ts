import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The tables a user's roles and permissions are computed from (change-feed.ts POLICY_TABLES, as of this migration). */
const POLICY_TABLES = ['role', 'permission', 'group'] as const;

/**
 * Postgres: every statement that adds, changes or deletes roles, permissions or groups notifies the
 * schema's change channel when its transaction commits (the function of migration 0940), so that every
 * server forgets the grants it remembered. Unlike the tables of 0940, an insert counts: a new role or
 * permission can reach a user whose grants are remembered. SQLite needs nothing (see 0940).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of POLICY_TABLES) {
    await sql`create trigger ${sql.id(`${table}_changed`)} after insert or update or delete or truncate on ${sql.id(table)}
      for each statement execute function latchkey_notify_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of POLICY_TABLES)
    await sql`drop trigger ${sql.id(`${table}_changed`)} on ${sql.id(table)}`.execute(db);
}
