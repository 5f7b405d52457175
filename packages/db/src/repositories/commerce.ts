import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Moves a user's balance by `delta`, rounded to 1e-8 as Casdoor rounds prices, in one statement so
 * that concurrent moves add up; answers the new balance, or undefined when there is no such user.
 */
export async function adjustUserBalance(
  db: Db,
  owner: string,
  name: string,
  delta: number,
): Promise<number | undefined> {
  const result = await db
    .updateTable('user')
    .set({ balance: sql<number>`round((${sql.ref('balance')} + ${delta}) * 100000000) / 100000000` })
    .where('owner', '=', owner)
    .where('name', '=', name)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return undefined;
  const row = await db
    .selectFrom('user')
    .select('balance')
    .where('owner', '=', owner)
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.balance);
}

/**
 * Records `quantity` units of a product as sold: taken from the stock too, unless it is a recharge
 * (which has no stock). Answers false when the product is gone or has fewer units in stock.
 */
export async function takeProductStock(
  db: Db,
  owner: string,
  name: string,
  quantity: number,
  isRecharge: boolean,
): Promise<boolean> {
  let update = db
    .updateTable('product')
    .set({ sold: sql<number>`${sql.ref('sold')} + ${quantity}` })
    .where('owner', '=', owner)
    .where('name', '=', name);
  if (!isRecharge)
    update = update
      .set({ quantity: sql<number>`${sql.ref('quantity')} - ${quantity}` })
      .where('quantity', '>=', quantity);
  const result = await update.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
