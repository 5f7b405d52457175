import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { DialectName } from '../create-db.ts';
import type { Database } from '../database.ts';
import { containsText } from '../dialect.ts';
import { type ColumnKind, columnKinds } from '../row.ts';
import { type TableName, tables } from '../tables.ts';
import { indexedUserSearch } from '../user-search.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type StoredRow = Record<string, unknown>;

/** Columns that must equal a value (owner, organization, name …), combined with AND. */
export type RowKey = Record<string, string>;

/**
 * One search condition: `contains` is a case-insensitive substring match on text, `equals` an exact
 * match, `atLeast` and `below` a lower (inclusive) and upper (exclusive) bound.
 */
export interface RowFilter {
  column: string;
  match: 'contains' | 'equals' | 'atLeast' | 'below';
  value: string | number;
}

/** A condition a repository of this package wrote for one table (the outcome of an audit record, say). */
export interface RowCondition {
  table: TableName;
  sql: Expression<SqlBool>;
}

export interface RowQuery {
  table: TableName;
  /** Exact matches, e.g. { owner: 'acme' }. */
  key?: RowKey;
  /** A column that must hold one of these values, e.g. owner in ('admin', 'acme'). */
  oneOf?: { column: string; values: string[] };
  filters?: RowFilter[];
  /** Conditions written by this package's repositories, each for this table. */
  conditions?: RowCondition[];
  sort?: { column: string; direction: 'asc' | 'desc' };
  page?: { offset: number; limit: number };
}

const kindsByTable = new Map<TableName, Record<string, ColumnKind>>();

/** The storage kind of a column; throws for a column the table does not have (a programming error, never user input). */
export function columnKind(table: TableName, column: string): ColumnKind {
  let kinds = kindsByTable.get(table);
  if (!kinds) {
    kinds = columnKinds(tables[table]);
    kindsByTable.set(table, kinds);
  }
  const kind = kinds[column];
  if (!kind) throw new Error(`table ${table} has no column ${column}`);
  return kind;
}

// The generic mechanism addresses tables by name; every column it names is checked by columnKind first.
// biome-ignore lint/suspicious/noExplicitAny: table and column names are runtime strings here, checked by columnKind.
const untyped = (db: Db) => db as unknown as Kysely<any>;

function whereKey(table: TableName, key: RowKey = {}): Expression<SqlBool>[] {
  return Object.entries(key).map(([column, value]) => {
    columnKind(table, column);
    return sql<SqlBool>`${sql.ref(column)} = ${value}`;
  });
}

const comparisons = { equals: '=', atLeast: '>=', below: '<' } as const;

function conditions(dialect: DialectName, query: RowQuery): Expression<SqlBool>[] {
  const out = whereKey(query.table, query.key);
  if (query.oneOf) {
    columnKind(query.table, query.oneOf.column);
    const values = query.oneOf.values.length > 0 ? query.oneOf.values : [''];
    out.push(sql<SqlBool>`${sql.ref(query.oneOf.column)} in (${sql.join(values)})`);
  }
  for (const filter of query.filters ?? []) {
    columnKind(query.table, filter.column);
    const indexed =
      query.table === 'user' && filter.match === 'contains'
        ? indexedUserSearch(dialect, filter.column, String(filter.value), query.key?.owner)
        : undefined;
    if (indexed) out.push(indexed);
    out.push(
      filter.match === 'contains'
        ? containsText(dialect, sql.ref(filter.column), String(filter.value))
        : sql<SqlBool>`${sql.ref(filter.column)} ${sql.raw(comparisons[filter.match])} ${filter.value}`,
    );
  }
  for (const condition of query.conditions ?? []) {
    if (condition.table !== query.table) throw new Error(`a condition on ${condition.table} used on ${query.table}`);
    out.push(condition.sql);
  }
  return out;
}

const searchesUserIndex = (dialect: DialectName, query: RowQuery) =>
  query.table === 'user' &&
  (query.filters ?? []).some(
    (filter) => filter.match === 'contains' && indexedUserSearch(dialect, filter.column, String(filter.value)),
  );

const allOf = (parts: Expression<SqlBool>[]) =>
  parts.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(parts, sql` and `)}`;

/** One page (or all) of the rows a query selects, in its order; the name breaks ties so pages are stable. */
export async function selectRows(db: Db, dialect: DialectName, query: RowQuery): Promise<StoredRow[]> {
  return (await rowsSelection(db, dialect, query).execute()) as StoredRow[];
}

/** The statement selectRows runs (exported so that tests can read its plan). */
export function rowsSelection(db: Db, dialect: DialectName, query: RowQuery) {
  let select = untyped(db)
    .selectFrom(query.table)
    .selectAll()
    .where(allOf(conditions(dialect, query)));
  if (query.sort) {
    columnKind(query.table, query.sort.column);
    // With a search the trigram index serves, read the few rows it finds and sort them, rather than
    // walk the whole organization in an index's order testing each row (SQLite cannot tell how few).
    const sortKey = searchesUserIndex(dialect, query)
      ? (column: string) => sql`+${sql.ref(column)}`
      : (column: string) => sql.ref(column);
    select = select.orderBy(sortKey(query.sort.column), query.sort.direction);
    if (query.sort.column !== 'name') select = select.orderBy(sortKey('name'), query.sort.direction);
  }
  if (query.page) select = select.limit(query.page.limit).offset(query.page.offset);
  return select;
}

/** Tables whose rows per organization are counted by triggers (migration 0201), and the column that names it. */
export const countedTables: Partial<Record<TableName, string>> = {
  user: 'owner',
  token: 'organization',
  record: 'owner',
};

/** The kept count for a query that only narrows a counted table to one organization (or to none). */
async function keptCount(db: Db, query: RowQuery): Promise<number | undefined> {
  const column = countedTables[query.table];
  const key = Object.entries(query.key ?? {});
  if (
    !column ||
    query.oneOf ||
    (query.filters?.length ?? 0) > 0 ||
    (query.conditions?.length ?? 0) > 0 ||
    key.length > 1 ||
    (key.length === 1 && key[0]![0] !== column)
  )
    return undefined;
  let select = db
    .selectFrom('object_count')
    .select(sql<number>`coalesce(sum(${sql.ref('count')}), 0)`.as('total'))
    .where('tableName', '=', query.table);
  if (key.length === 1) select = select.where('owner', '=', key[0]![1]);
  const row = await select.executeTakeFirst();
  return Number(row?.total ?? 0);
}

/**
 * How many rows a query selects (its page is ignored): the kept count when the query only names an
 * organization of a counted table, else a count of the matching rows.
 */
export async function countRows(db: Db, dialect: DialectName, query: RowQuery): Promise<number> {
  const kept = await keptCount(db, query);
  if (kept !== undefined) return kept;
  const row = await untyped(db)
    .selectFrom(query.table)
    .select(sql<number>`count(*)`.as('count'))
    .where(allOf(conditions(dialect, query)))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function findRow(db: Db, table: TableName, key: RowKey): Promise<StoredRow | undefined> {
  return (await untyped(db)
    .selectFrom(table)
    .selectAll()
    .where(allOf(whereKey(table, key)))
    .executeTakeFirst()) as StoredRow | undefined;
}

/** Which of the given names an organization (`owner`) holds in a table. */
export async function existingNames(
  db: Db,
  table: TableName,
  owner: string,
  names: readonly string[],
): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db
    .selectFrom(table as 'user')
    .select('name')
    .where('owner', '=', owner)
    .where('name', 'in', [...names])
    .execute();
  return new Set(rows.map((row) => row.name));
}

/** Whether a table holds a row of an owner with a name. */
export async function rowExists(db: Db, table: TableName, owner: string, name: string): Promise<boolean> {
  return (
    (await (db as Kysely<Database>)
      .selectFrom(table as 'user')
      .select('name')
      .where('owner', '=', owner)
      .where('name', '=', name)
      .executeTakeFirst()) !== undefined
  );
}

/** Every row of a table, by owner then name. */
export async function listAllRows(db: Db, table: TableName): Promise<StoredRow[]> {
  return (await (db as Kysely<Database>)
    .selectFrom(table as 'user')
    .selectAll()
    .orderBy('owner')
    .orderBy('name')
    .execute()) as StoredRow[];
}

export async function insertRow(db: Db, table: TableName, row: StoredRow): Promise<void> {
  await untyped(db).insertInto(table).values(row).execute();
}

/** Sets columns on the rows matching a key; answers how many rows matched. */
export async function updateRows(db: Db, table: TableName, key: RowKey, values: StoredRow): Promise<number> {
  for (const column of Object.keys(values)) columnKind(table, column);
  if (Object.keys(values).length === 0) return 0;
  const result = await untyped(db)
    .updateTable(table)
    .set(values)
    .where(allOf(whereKey(table, key)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteRows(db: Db, table: TableName, key: RowKey): Promise<number> {
  const result = await untyped(db)
    .deleteFrom(table)
    .where(allOf(whereKey(table, key)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Why the database refused a value, when the value itself is the cause: too large for an index
 * (Postgres keeps an index entry under about 2.7 kB) or a column, or holding NUL, which Postgres
 * text cannot store. SQLite stores both, so this only ever answers on Postgres.
 */
export function valueRefusedByDatabase(error: unknown): 'too_large' | 'nul_character' | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '54000' || code === '22001') return 'too_large';
  if (code === '22021') return 'nul_character';
  return undefined;
}

/** True when a write failed because a unique key (owner/name, client id, access key …) is taken. */
export function isUniqueViolation(error: unknown): boolean {
  const detail = error as { code?: unknown; message?: unknown };
  if (detail?.code === '23505') return true;
  return typeof detail?.message === 'string' && /UNIQUE constraint failed|duplicate key value/i.test(detail.message);
}
