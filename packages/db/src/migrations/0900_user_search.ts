import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** The user columns a search by substring is served from an index for. */
const searchedColumns = ['name', 'displayName', 'email', 'phone'] as const;

/**
 * Substring search on users (name, display name, email, phone) from an index, so that finding a few
 * users among 100,000 costs about what it costs among 1,000.
 *
 * SQLite: an FTS5 table with the trigram tokenizer, kept in step by triggers. Its rows are keyed by
 * `user_search_key` (an INTEGER PRIMARY KEY per owner and name), never by the user table's own rowid,
 * which VACUUM may renumber.
 *
 * Postgres: trigram GIN indexes (pg_trgm), which ILIKE uses directly. The extension is created when
 * the database allows it (it is a trusted extension: a database owner may); where it does not, the
 * search stays correct, only unindexed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const schema = await trigramSchema(db);
    if (schema === undefined) return;
    for (const column of searchedColumns) {
      await sql`create index ${sql.id(`user_${column}_trigram`)} on "user" using gin (${sql.ref(column)} ${sql.id(schema)}.gin_trgm_ops)`.execute(
        db,
      );
    }
    return;
  }
  await sql`create table user_search_key (id integer primary key, owner text not null, name text not null, unique (owner, name))`.execute(
    db,
  );
  await sql`create virtual table user_search using fts5(name, displayName, email, phone, tokenize = 'trigram')`.execute(
    db,
  );
  await sql`insert into user_search_key (owner, name) select owner, name from "user"`.execute(db);
  await sql`insert into user_search (rowid, name, displayName, email, phone)
    select k.id, u.name, u.displayName, u.email, u.phone from "user" u join user_search_key k on k.owner = u.owner and k.name = u.name`.execute(
    db,
  );
  const keyOf = (row: 'old' | 'new') =>
    sql.raw(`(select id from user_search_key where owner = ${row}.owner and name = ${row}.name)`);
  await sql`create trigger user_search_insert after insert on "user" begin
    insert into user_search_key (owner, name) values (new.owner, new.name);
    insert into user_search (rowid, name, displayName, email, phone) values (${keyOf('new')}, new.name, new.displayName, new.email, new.phone);
  end`.execute(db);
  await sql`create trigger user_search_update after update of owner, name, displayName, email, phone on "user" begin
    delete from user_search where rowid = ${keyOf('old')};
    update user_search_key set owner = new.owner, name = new.name where owner = old.owner and name = old.name;
    insert into user_search (rowid, name, displayName, email, phone) values (${keyOf('new')}, new.name, new.displayName, new.email, new.phone);
  end`.execute(db);
  await sql`create trigger user_search_delete after delete on "user" begin
    delete from user_search where rowid = ${keyOf('old')};
    delete from user_search_key where owner = old.owner and name = old.name;
  end`.execute(db);
}

/**
 * The schema pg_trgm lives in, creating the extension if it is missing and may be created; undefined
 * when it cannot be. Several servers may migrate at once: a lost race to create it is fine.
 */
async function trigramSchema(db: Kysely<any>): Promise<string | undefined> {
  const installed = async () =>
    (
      await sql<{
        schema: string;
      }>`select extnamespace::regnamespace::text as schema from pg_extension where extname = 'pg_trgm'`.execute(db)
    ).rows[0]?.schema;
  const found = await installed();
  if (found !== undefined) return unquoted(found);
  const available = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (available.rows.length === 0) return undefined;
  // In `public` when it may (so that it outlives any one schema), else in the current one.
  for (const target of ['public', undefined]) {
    await sql`savepoint create_trigram`.execute(db);
    try {
      await (target
        ? sql`create extension if not exists pg_trgm schema ${sql.id(target)}`
        : sql`create extension if not exists pg_trgm`
      ).execute(db);
      await sql`release savepoint create_trigram`.execute(db);
      break;
    } catch {
      await sql`rollback to savepoint create_trigram`.execute(db);
    }
  }
  const created = await installed();
  return created === undefined ? undefined : unquoted(created);
}

/** regnamespace::text quotes names that need it. */
const unquoted = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name);

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    for (const column of searchedColumns)
      await sql`drop index if exists ${sql.id(`user_${column}_trigram`)}`.execute(db);
    return;
  }
  for (const trigger of ['user_search_insert', 'user_search_update', 'user_search_delete'])
    await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
  await sql`drop table if exists user_search`.execute(db);
  await sql`drop table if exists user_search_key`.execute(db);
}
