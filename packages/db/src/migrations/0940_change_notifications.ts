import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Postgres: every statement that changes or deletes rows of a table servers keep in memory (a bearer
 * token's row, its user, application, cert, organization) notifies the schema's change channel when
 * its transaction commits, so that every server forgets what it remembered (change-feed.ts). SQLite
 * needs nothing: one process writes through its own connection, another one changes `data_version`.
 */
/** The tables watched as of this migration (0990 adds the policy tables). */
const WATCHED_TABLES = ['token', 'user', 'application', 'cert', 'organization'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`create function latchkey_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('latchkey_changes:' || tg_table_schema, tg_table_name);
      return null;
    end
  $$`.execute(db);
  for (const table of WATCHED_TABLES) {
    await sql`create trigger ${sql.id(`${table}_changed`)} after update or delete or truncate on ${sql.id(table)}
      for each statement execute function latchkey_notify_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of WATCHED_TABLES)
    await sql`drop trigger ${sql.id(`${table}_changed`)} on ${sql.id(table)}`.execute(db);
  await sql`drop function latchkey_notify_change()`.execute(db);
}
