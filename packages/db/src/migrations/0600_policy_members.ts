import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The tables whose `users` and `groups` lists are indexed (as of this migration). */
const indexedTables = ['role', 'permission'] as const;
const listColumns = ['users', 'groups'] as const;

/**
 * Who each role and permission names directly: one row per entry of its `users` and `groups` lists
 * (user and group ids, `organization/*` for all), kept exact by triggers on every insert, update
 * and delete, whoever writes. Finding the roles and permissions that name a user is then one
 * indexed lookup by member, instead of reading every role and permission of the organization, so
 * that a token for a user who has none costs one small query.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('policy_member')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('field', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('member', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('policy_member_member').on('policy_member').column('member').execute();
  await db.schema.createIndex('policy_member_policy').on('policy_member').columns(['kind', 'owner', 'name']).execute();

  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The entries of a list column as rows of `value`; a value that is not a JSON array counts as empty.
  const entries = (row: 'new' | 'old', column: string) =>
    postgres
      ? `json_array_elements_text(case when left(${row}."${column}", 1) = '[' then ${row}."${column}"::json else '[]'::json end)`
      : `json_each(case when json_valid(${row}."${column}") and json_type(${row}."${column}") = 'array' then ${row}."${column}" else '[]' end)`;
  const insertMembers = (kind: string) =>
    listColumns
      .map(
        (column) =>
          `insert into policy_member ("kind", "owner", "name", "field", "member") select ${kind}, new."owner", new."name", '${column}', value from ${entries('new', column)};`,
      )
      .join('\n');

  if (postgres) {
    await sql
      .raw(
        `create function policy_members_changed() returns trigger language plpgsql as $$
        begin
          if tg_op in ('DELETE', 'UPDATE') then
            delete from policy_member where "kind" = tg_table_name and "owner" = old."owner" and "name" = old."name";
          end if;
          if tg_op in ('INSERT', 'UPDATE') then
            ${insertMembers('tg_table_name')}
          end if;
          return null;
        end $$`,
      )
      .execute(db);
  }
  for (const table of indexedTables) {
    for (const column of listColumns) {
      const source = postgres
        ? `json_array_elements_text(case when left(t."${column}", 1) = '[' then t."${column}"::json else '[]'::json end)`
        : `json_each(case when json_valid(t."${column}") and json_type(t."${column}") = 'array' then t."${column}" else '[]' end)`;
      await sql
        .raw(
          `insert into policy_member ("kind", "owner", "name", "field", "member") select '${table}', t."owner", t."name", '${column}', value from "${table}" t, ${source}`,
        )
        .execute(db);
    }
    if (postgres) {
      await sql
        .raw(
          `create trigger "${table}_members" after insert or delete on "${table}" for each row execute function policy_members_changed()`,
        )
        .execute(db);
      await sql
        .raw(
          `create trigger "${table}_members_update" after update of "owner", "name", "users", "groups" on "${table}" for each row execute function policy_members_changed()`,
        )
        .execute(db);
      continue;
    }
    const removeOld = `delete from policy_member where "kind" = '${table}' and "owner" = old."owner" and "name" = old."name";`;
    await sql
      .raw(
        `create trigger "${table}_members_insert" after insert on "${table}" begin ${insertMembers(`'${table}'`)} end`,
      )
      .execute(db);
    await sql
      .raw(`create trigger "${table}_members_delete" after delete on "${table}" begin ${removeOld} end`)
      .execute(db);
    await sql
      .raw(
        `create trigger "${table}_members_update" after update of "owner", "name", "users", "groups" on "${table}" begin ${removeOld} ${insertMembers(`'${table}'`)} end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of indexedTables) {
    for (const suffix of postgres ? ['', '_update'] : ['_insert', '_delete', '_update']) {
      await sql
        .raw(
          postgres
            ? `drop trigger "${table}_members${suffix}" on "${table}"`
            : `drop trigger "${table}_members${suffix}"`,
        )
        .execute(db);
    }
  }
  if (postgres) await sql`drop function policy_members_changed()`.execute(db);
  await db.schema.dropTable('policy_member').execute();
}
