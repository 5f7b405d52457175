import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../create-db.ts';
import type { Database } from '../database.ts';
import { columnKind, type RowKey } from '../repositories/objects.ts';
import type { TableName } from '../tables.ts';

/** What a fingerprint does not look at: some columns of a table, and the rows of a table with some values. */
export interface LeftOut {
  columns?: Partial<Record<TableName, readonly string[]>>;
  rows?: Partial<Record<TableName, RowKey>>;
}

/**
 * The row count and a hash of every row of each table (`count:hash`), to tell whether anything
 * was written between two looks. Meant for test databases, which are small.
 */
export async function tableFingerprints(
  db: Kysely<Database>,
  dialect: DialectName,
  tables: readonly TableName[],
  leftOut: LeftOut = {},
): Promise<Record<string, string>> {
  for (const table of tables) {
    for (const column of [...(leftOut.columns?.[table] ?? []), ...Object.keys(leftOut.rows?.[table] ?? {})])
      columnKind(table, column);
  }
  return dialect === 'postgres' ? postgresFingerprints(db, tables, leftOut) : sqliteFingerprints(db, tables, leftOut);
}

async function sqliteFingerprints(
  db: Kysely<Database>,
  tables: readonly TableName[],
  leftOut: LeftOut,
): Promise<Record<string, string>> {
  const fingerprints: Record<string, string> = {};
  for (const table of tables) {
    // Any table's rows: the cast only names one so that Kysely accepts the table name.
    const rows = (await db
      .selectFrom(table as 'user')
      .selectAll()
      .execute()) as Record<string, unknown>[];
    const ignored = leftOut.columns?.[table] ?? [];
    const skipped = Object.entries(leftOut.rows?.[table] ?? {});
    const lines = rows
      .filter((row) => skipped.length === 0 || !skipped.every(([column, value]) => row[column] === value))
      .map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !ignored.includes(column))))
      .sort();
    fingerprints[table] = `${lines.length}:${Bun.hash(lines.join('\n')).toString(36)}`;
  }
  return fingerprints;
}

/** The same in one round trip, hashed by the server. */
async function postgresFingerprints(
  db: Kysely<Database>,
  tables: readonly TableName[],
  leftOut: LeftOut,
): Promise<Record<string, string>> {
  const perTable = tables.map((table) => {
    const skipped = Object.entries(leftOut.rows?.[table] ?? {});
    const where: RawBuilder<unknown> =
      skipped.length === 0
        ? sql``
        : sql`where not (${sql.join(
            skipped.map(([column, value]) => sql`${sql.ref(`x.${column}`)} = ${value}`),
            sql` and `,
          )})`;
    return sql`select ${table} as name, count(*) || ':' || coalesce(md5(string_agg(line, '|' order by line)), '') as print
      from (select (to_jsonb(x) - ${[...(leftOut.columns?.[table] ?? [])]}::text[])::text as line from ${sql.table(table)} x ${where}) as lines`;
  });
  const { rows } = await sql<{ name: string; print: string }>`${sql.join(perTable, sql` union all `)}`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.name, row.print]));
}
