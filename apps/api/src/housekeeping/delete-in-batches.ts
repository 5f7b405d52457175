import type { Database, TableName } from '@latchkey/db';
import { pause } from '../server/pause.ts';
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';

export interface BatchDelete<T extends TableName> {
  table: T;
  /** The columns that name one row (its primary key). */
  key: readonly (keyof Database[T] & string)[];
  /** Which rows go; applied again to each batch when it is deleted, so a row that changed meanwhile stays. */
  where: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;
  batchSize: number;
}

/**
 * Deletes the rows that match, a small batch at a time: the keys of up to `batchSize` rows are
 * read, then those rows deleted (if they still match). Idempotent, so several servers on one
 * database may run it at once: a row another one deleted first is simply not there any more.
 * Answers how many rows this call deleted.
 */
export async function deleteInBatches<T extends TableName>(db: Kysely<Database>, { table, key, where, batchSize }: BatchDelete<T>): Promise<number> {
  // The table is chosen at run time; its columns are checked by BatchDelete's types above.
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const matches = where as unknown as (eb: ExpressionBuilder<Record<string, Record<string, unknown>>, string>) => Expression<SqlBool>;
  const columns = key as readonly string[];
  let deleted = 0;
  for (;;) {
    const rows = await loose.selectFrom(table as string).select(columns).where(matches).limit(batchSize).execute();
    if (rows.length === 0) return deleted;
    const result = await loose
      .deleteFrom(table as string)
      .where(matches)
      .where((eb) =>
        columns.length === 1
          ? eb(columns[0]!, 'in', rows.map((row) => row[columns[0]!]))
          : eb.or(rows.map((row) => eb.and(columns.map((column) => eb(column, '=', row[column]))))),
      )
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
    if (rows.length < batchSize) return deleted;
    await pause();
  }
}
