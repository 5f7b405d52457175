import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { columnKind } from '../repositories/objects.ts';
import type { TableName } from '../tables.ts';

type Db = Kysely<Database> | Transaction<Database>;

/*
 * What a test reads back to check what was stored: rows as the database holds them (booleans as
 * 0/1, lists and objects as JSON text), found by the values of some of their columns.
 */

export type StoredColumn<T extends TableName> = keyof Database[T] & string;

/** Columns that must hold a value; a list means any of its values. */
export type StoredRowMatch<T extends TableName> = {
  [C in StoredColumn<T>]?: Database[T][C] | readonly Database[T][C][];
};

// Tables are addressed by name here; every column named is checked by columnKind first.
// biome-ignore lint/suspicious/noExplicitAny: table and column names are runtime strings here, checked by columnKind.
const untyped = (db: Db) => db as unknown as Kysely<any>;

/** The rows of a table that match, as a query; undefined when a list of values is empty (nothing can match). */
function matchingRows(db: Db, table: TableName, match: Record<string, unknown>) {
  let query = untyped(db).selectFrom(table);
  for (const [column, value] of Object.entries(match)) {
    columnKind(table, column);
    if (value === undefined) throw new Error(`no value given for ${table}.${column}`);
    if (Array.isArray(value)) {
      if (value.length === 0) return undefined;
      query = query.where(column, 'in', value);
    } else query = query.where(column, '=', value);
  }
  return query;
}

/** The stored rows of a table that match, ordered by the given columns (ascending) when any are given. */
export async function storedRows<T extends TableName>(
  db: Db,
  table: T,
  match: StoredRowMatch<T> = {},
  orderBy: readonly StoredColumn<T>[] = [],
): Promise<Database[T][]> {
  let query = matchingRows(db, table, match);
  if (!query) return [];
  for (const column of orderBy) {
    columnKind(table, column);
    query = query.orderBy(column);
  }
  return (await query.selectAll().execute()) as Database[T][];
}

/** The one stored row that matches; throws when none does or several do. */
export async function storedRow<T extends TableName>(db: Db, table: T, match: StoredRowMatch<T>): Promise<Database[T]> {
  const rows = await storedRows(db, table, match);
  if (rows.length !== 1) throw new Error(`${rows.length} rows of ${table} match ${JSON.stringify(match)}, not one`);
  return rows[0]!;
}

/** How many stored rows of a table match (counted by the database, whatever counts it keeps). */
export async function countStoredRows<T extends TableName>(
  db: Db,
  table: T,
  match: StoredRowMatch<T> = {},
): Promise<number> {
  const query = matchingRows(db, table, match);
  if (!query) return 0;
  const row = await query.select(sql<number>`count(*)`.as('count')).executeTakeFirst();
  return Number(row?.count ?? 0);
}
