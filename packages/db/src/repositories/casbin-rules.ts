import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const CASBIN_RULE_FIELDS = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'] as const;
export type CasbinRuleField = (typeof CASBIN_RULE_FIELDS)[number];

/** One policy line of an enforcer: its type (p, g …) and six values, '' where unused. */
export type CasbinRuleLine = { ptype: string } & Record<CasbinRuleField, string>;

/** A stored line: the line, its id and the adapter object it belongs to. */
export type CasbinRuleRecord = CasbinRuleLine & { id: string; adapter: string };

/** The lines of one adapter object, by type then in the order they were written. */
export async function listCasbinRules(db: Db, adapter: string): Promise<CasbinRuleLine[]> {
  return db
    .selectFrom('casbin_rule')
    .select(['ptype', ...CASBIN_RULE_FIELDS])
    .where('adapter', '=', adapter)
    .orderBy('ptype')
    .orderBy('id')
    .execute();
}

/** Replaces every line of an adapter object, inside the caller's transaction. */
export async function replaceCasbinRulesIn(
  trx: Transaction<Database>,
  adapter: string,
  rows: readonly CasbinRuleRecord[],
): Promise<void> {
  await trx.deleteFrom('casbin_rule').where('adapter', '=', adapter).execute();
  if (rows.length > 0)
    await trx
      .insertInto('casbin_rule')
      .values([...rows])
      .execute();
}

export async function insertCasbinRule(db: Db, row: CasbinRuleRecord): Promise<void> {
  await db.insertInto('casbin_rule').values(row).execute();
}

/** Deletes the lines of an adapter object of a type whose given fields hold the given values. */
export async function deleteCasbinRules(
  db: Db,
  adapter: string,
  ptype: string,
  fields: Partial<Record<CasbinRuleField, string>>,
): Promise<void> {
  let query = db.deleteFrom('casbin_rule').where('adapter', '=', adapter).where('ptype', '=', ptype);
  for (const field of CASBIN_RULE_FIELDS)
    if (fields[field] !== undefined) query = query.where(field, '=', fields[field]);
  await query.execute();
}

/** The policy lines (ptype p) of an adapter object, in the order of their values. */
export async function listCasbinPolicyRules(db: Db, adapter: string): Promise<CasbinRuleRecord[]> {
  return db
    .selectFrom('casbin_rule')
    .selectAll()
    .where('adapter', '=', adapter)
    .where('ptype', '=', 'p')
    .orderBy('v0')
    .orderBy('v1')
    .orderBy('v2')
    .orderBy('v3')
    .orderBy('v4')
    .orderBy('v5')
    .execute();
}
