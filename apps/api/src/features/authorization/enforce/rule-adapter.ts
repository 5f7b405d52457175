import {
  CASBIN_RULE_FIELDS,
  type CasbinRuleField,
  type CasbinRuleRecord,
  type Database,
  deleteCasbinRules,
  insertCasbinRule,
  listCasbinRules,
  replaceCasbinRulesIn,
} from '@latchkey/db';
import { type Static, Type as T } from '@sinclair/typebox';
import type { Adapter, Model } from 'casbin';
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../../core/crypto/random.ts';

type Db = Kysely<Database> | Transaction<Database>;
const FIELDS = CASBIN_RULE_FIELDS;

/** One line of an enforcer's policy, as Casdoor's get-policies answers it. */
export const PolicyLine = T.Object({
  ptype: T.String({ examples: ['p'] }),
  v0: T.String({ examples: ['acme/alice'] }),
  v1: T.String({ examples: ['data1'] }),
  v2: T.String({ examples: ['read'] }),
  v3: T.String(),
  v4: T.String(),
  v5: T.String(),
});
export type PolicyLine = Static<typeof PolicyLine>;

/** A rule as a policy line, padded to six values. */
export function policyLine(ptype: string, rule: readonly string[]): PolicyLine {
  const line = { ptype } as PolicyLine;
  for (const [index, field] of FIELDS.entries()) line[field] = rule[index] ?? '';
  return line;
}

/** A stored line as a Casbin rule: its values without the empty ones at the end. */
export function ruleOf(line: PolicyLine): string[] {
  const values = FIELDS.map((field) => line[field]);
  while (values.length > 0 && values.at(-1) === '') values.pop();
  return values;
}

/**
 * A Casbin adapter over our own casbin_rule table: one adapter object's policy lines, those whose
 * `adapter` column holds its id. Enforcers load through it and their add/remove calls save through it.
 */
export class CasbinRuleAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly adapterId: string,
  ) {}

  async lines(): Promise<PolicyLine[]> {
    return listCasbinRules(this.db, this.adapterId);
  }

  async loadPolicy(model: Model): Promise<void> {
    for (const line of await this.lines()) {
      const section = line.ptype.charAt(0);
      if (model.model.get(section)?.has(line.ptype)) model.addPolicy(section, line.ptype, ruleOf(line));
    }
  }

  async savePolicy(model: Model): Promise<boolean> {
    const rows: CasbinRuleRecord[] = [];
    for (const section of ['p', 'g']) {
      for (const [ptype, assertion] of model.model.get(section) ?? []) {
        for (const rule of assertion.policy)
          rows.push({ id: newId(), adapter: this.adapterId, ...policyLine(ptype, rule) });
      }
    }
    // The old lines out and the new ones in, together or not at all.
    const replace = (trx: Transaction<Database>) => replaceCasbinRulesIn(trx, this.adapterId, rows);
    if (this.db.isTransaction) await replace(this.db as Transaction<Database>);
    else await this.db.transaction().execute(replace);
    return true;
  }

  async addPolicy(_section: string, ptype: string, rule: string[]): Promise<void> {
    await insertCasbinRule(this.db, { id: newId(), adapter: this.adapterId, ...policyLine(ptype, rule) });
  }

  async removePolicy(_section: string, ptype: string, rule: string[]): Promise<void> {
    const { ptype: _ptype, ...fields } = policyLine(ptype, rule);
    await deleteCasbinRules(this.db, this.adapterId, ptype, fields);
  }

  async removeFilteredPolicy(
    _section: string,
    ptype: string,
    fieldIndex: number,
    ...fieldValues: string[]
  ): Promise<void> {
    const fields: Partial<Record<CasbinRuleField, string>> = {};
    fieldValues.forEach((value, offset) => {
      const field = FIELDS[fieldIndex + offset];
      if (field && value !== '') fields[field] = value;
    });
    await deleteCasbinRules(this.db, this.adapterId, ptype, fields);
  }
}
