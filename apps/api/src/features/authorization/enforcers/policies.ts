import { codecs, findRow } from '@latchkey/db';
import { type Static, Type as T } from '@sinclair/typebox';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import type { Identity } from '../../../core/identity/identity.ts';
import { requireAdminOf } from '../../../core/identity/privileges.ts';
import { parseId } from '../../objects/id.ts';
import { casbin as loadCasbin } from '../enforce/casbin.ts';
import { loadModel } from '../enforce/models.ts';
import { policyStoreOf } from '../enforce/policy-store.ts';
import { CasbinRuleAdapter, type PolicyLine, policyLine, ruleOf } from '../enforce/rule-adapter.ts';
import { usableModelOf } from '../model-kind.ts';

const POLICY_TYPE = /^[pg]\d*$/;
const VALUE_FIELDS = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'] as const;

/**
 * The value of a field named in any letter case, as Go's JSON decoder reads Casdoor's CasbinRule
 * (`Ptype`, `V0` … from the SDKs, `ptype`, `v0` … from others). The same field given twice with
 * different values is refused rather than guessed.
 */
function fieldOf(body: Record<string, unknown>, field: string): unknown {
  const values = Object.keys(body)
    .filter((key) => key.toLowerCase() === field)
    .map((key) => body[key]);
  if (values.some((value) => value !== values[0])) throw new ApiError('general.invalid_field', { field });
  return values[0];
}

/** A policy line from a body ({Ptype, V0 … V5} or {ptype, v0 … v5}; `Id` and other fields are ignored); the values must be text. */
export function policyFromBody(value: unknown): PolicyLine {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ApiError('object.body_not_object');
  const body = value as Record<string, unknown>;
  const ptype = fieldOf(body, 'ptype');
  if (typeof ptype !== 'string' || !POLICY_TYPE.test(ptype))
    throw new ApiError('general.invalid_field', { field: 'ptype' });
  const values = VALUE_FIELDS.map((field) => {
    const item = fieldOf(body, field) ?? '';
    if (typeof item !== 'string' || item.length > 1000) throw new ApiError('general.invalid_field', { field });
    return item;
  });
  return policyLine(ptype, values);
}

/**
 * One policy line as Casdoor answers it: its CasbinRule, whose Go fields carry no JSON names, so
 * `Id`, `Ptype`, `V0` … `V5` in that order. Lines are known by their values (add-, update- and
 * remove-policy name them so); `Id` is always 0.
 */
export const CasbinRule = T.Object({
  Id: T.Integer({ examples: [0], description: 'Always 0; a line is known by its values' }),
  Ptype: T.String({ examples: ['p'] }),
  V0: T.String({ examples: ['acme/alice'] }),
  V1: T.String({ examples: ['data1'] }),
  V2: T.String({ examples: ['read'] }),
  V3: T.String(),
  V4: T.String(),
  V5: T.String(),
});
export type CasbinRule = Static<typeof CasbinRule>;

const casbinRuleOf = (line: PolicyLine): CasbinRule => ({
  Id: 0,
  Ptype: line.ptype,
  V0: line.v0,
  V1: line.v1,
  V2: line.v2,
  V3: line.v3,
  V4: line.v4,
  V5: line.v5,
});

/** An enforcer of an organization the caller administers. */
async function findEnforcer(context: AppContext, identity: Identity, id: string) {
  const { owner, name } = parseId(id);
  requireAdminOf(identity, owner);
  const row = await findRow(context.db, 'enforcer', { owner, name });
  if (!row) throw new ApiError('object.member_not_found', { field: 'id', id });
  return codecs.enforcer.decode(row);
}

/** An enforcer of an organization the caller administers, with a Casbin enforcer over its adapter's lines. */
export async function openEnforcer(context: AppContext, identity: Identity, id: string) {
  const enforcer = await findEnforcer(context, identity, id);
  const adapter = new CasbinRuleAdapter(context.db, policyStoreOf(enforcer));
  return {
    enforcer,
    adapter,
    casbin: await loadCasbin().newEnforcer(await loadModel(context, usableModelOf(enforcer)), adapter),
  };
}

/** The policy lines of an enforcer, in Casdoor's shape. */
export async function getPolicies(context: AppContext, identity: Identity, id: string): Promise<CasbinRule[]> {
  return (await openEnforcer(context, identity, id)).adapter.lines().then((lines) => lines.map(casbinRuleOf));
}

/** Thrown inside the transaction of a replacement whose new line was there already: the removal is undone. */
class NothingReplaced extends Error {}

/**
 * Adds, removes or replaces one line through Casbin (which saves it through the adapter); answers
 * whether anything changed. One transaction: a replacement ([old, new]) happens whole or not at
 * all, even when the process dies between its two steps.
 */
export async function changePolicy(
  context: AppContext,
  identity: Identity,
  id: string,
  change: { add?: PolicyLine; remove?: PolicyLine },
): Promise<boolean> {
  const enforcer = await findEnforcer(context, identity, id);
  const model = await loadModel(context, usableModelOf(enforcer));
  const section = (line: PolicyLine) => line.ptype.charAt(0);
  try {
    return await context.db.transaction().execute(async (trx) => {
      const casbin = await loadCasbin().newEnforcer(model, new CasbinRuleAdapter(trx, policyStoreOf(enforcer)));
      const call = async (line: PolicyLine, adding: boolean) => {
        const rule = ruleOf(line);
        if (section(line) === 'g')
          return adding
            ? casbin.addNamedGroupingPolicy(line.ptype, ...rule)
            : casbin.removeNamedGroupingPolicy(line.ptype, ...rule);
        return adding ? casbin.addNamedPolicy(line.ptype, ...rule) : casbin.removeNamedPolicy(line.ptype, ...rule);
      };
      if (change.add && change.remove) {
        if (!(await call(change.remove, false))) return false;
        if (!(await call(change.add, true))) throw new NothingReplaced();
        return true;
      }
      return change.add ? await call(change.add, true) : await call(change.remove!, false);
    });
  } catch (error) {
    if (error instanceof NothingReplaced) return false;
    if (error instanceof ApiError) throw error;
    throw new ApiError('object.enforce_failed', {
      reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
    });
  }
}
