import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The counts of a rate-limit key in the given windows (a window with no row is left out). */
export async function findRateLimitCounts(
  db: Db,
  bucket: string,
  key: string,
  windowIndexes: readonly number[],
): Promise<{ windowIndex: number; count: number }[]> {
  const rows = await db
    .selectFrom('rate_limit')
    .select(['windowIndex', 'count'])
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('windowIndex', 'in', [...windowIndexes])
    .execute();
  return rows.map((row) => ({ windowIndex: Number(row.windowIndex), count: Number(row.count) }));
}

/** The count of a rate-limit key in one window (0 when it has no row). */
export async function findRateLimitCount(db: Db, bucket: string, key: string, windowIndex: number): Promise<number> {
  const row = await db
    .selectFrom('rate_limit')
    .select('count')
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('windowIndex', '=', windowIndex)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** Counts one more for a key in a window, in one statement (the row is locked meanwhile); answers the raised count. */
export async function raiseRateLimitCount(db: Db, bucket: string, key: string, windowIndex: number): Promise<number> {
  const raised = await db
    .insertInto('rate_limit')
    .values({ bucket, key, windowIndex, count: 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['bucket', 'key', 'windowIndex'])
        .doUpdateSet({ count: sql`${sql.ref('rate_limit.count')} + 1` }),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(raised.count);
}

/** Takes one back from a key's count in a window (never below 0). */
export async function lowerRateLimitCount(db: Db, bucket: string, key: string, windowIndex: number): Promise<void> {
  await db
    .updateTable('rate_limit')
    .set({ count: sql`${sql.ref('count')} - 1` })
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .where('windowIndex', '=', windowIndex)
    .where('count', '>', 0)
    .execute();
}
