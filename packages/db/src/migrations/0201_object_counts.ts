import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Tables whose rows are counted per organization, and the column that names the organization (as of this migration). */
const countedTables = { user: 'owner', token: 'organization', record: 'owner' } as const;

/**
 * How many rows each organization has in the large tables (users, tokens, the audit log), kept
 * exact by triggers on every insert, delete and move, whoever writes. A list's total is then read
 * from here instead of counting the organization's rows, so it costs the same at any size.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('object_count')
    .addColumn('tableName', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('object_count_pkey', ['tableName', 'owner'])
    .execute();
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) {
    await sql`
      create function object_count_changed() returns trigger language plpgsql as $$
      declare
        column_name text := tg_argv[0];
      begin
        if tg_op in ('DELETE', 'UPDATE') then
          update object_count set "count" = "count" - 1 where "tableName" = tg_table_name and "owner" = to_jsonb(old) ->> column_name;
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          insert into object_count ("tableName", "owner", "count") values (tg_table_name, to_jsonb(new) ->> column_name, 1)
          on conflict ("tableName", "owner") do update set "count" = object_count."count" + 1;
        end if;
        return null;
      end $$`.execute(db);
  }
  for (const [table, column] of Object.entries(countedTables)) {
    await sql`insert into object_count ("tableName", "owner", "count") select ${table}, ${sql.ref(column)}, count(*) from ${sql.table(table)} group by ${sql.ref(column)}`.execute(
      db,
    );
    const [insert, remove, move] = [`${table}_count_insert`, `${table}_count_delete`, `${table}_count_move`].map(
      (name) => sql.raw(`"${name}"`),
    );
    const columnRef = sql.ref(column);
    if (postgres) {
      await sql`create trigger ${insert} after insert or delete on ${sql.table(table)} for each row execute function object_count_changed(${sql.lit(column)})`.execute(
        db,
      );
      await sql`create trigger ${move} after update of ${columnRef} on ${sql.table(table)} for each row when (old.${columnRef} is distinct from new.${columnRef}) execute function object_count_changed(${sql.lit(column)})`.execute(
        db,
      );
      continue;
    }
    const increment = (value: string) =>
      sql.raw(
        `insert into object_count ("tableName", "owner", "count") values ('${table}', ${value}, 1) on conflict ("tableName", "owner") do update set "count" = "count" + 1;`,
      );
    const decrement = (value: string) =>
      sql.raw(`update object_count set "count" = "count" - 1 where "tableName" = '${table}' and "owner" = ${value};`);
    await sql`create trigger ${insert} after insert on ${sql.table(table)} begin ${increment(`new."${column}"`)} end`.execute(
      db,
    );
    await sql`create trigger ${remove} after delete on ${sql.table(table)} begin ${decrement(`old."${column}"`)} end`.execute(
      db,
    );
    await sql`create trigger ${move} after update of ${columnRef} on ${sql.table(table)} when old.${columnRef} is not new.${columnRef} begin ${decrement(`old."${column}"`)} ${increment(`new."${column}"`)} end`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of Object.keys(countedTables)) {
    for (const suffix of postgres ? ['insert', 'move'] : ['insert', 'delete', 'move']) {
      const name = sql.raw(`"${table}_count_${suffix}"`);
      await (postgres ? sql`drop trigger ${name} on ${sql.table(table)}` : sql`drop trigger ${name}`).execute(db);
    }
  }
  if (postgres) await sql`drop function object_count_changed()`.execute(db);
  await db.schema.dropTable('object_count').execute();
}
