import { codecs, findRow } from '@latchkey/db';
import { newEnforcer } from 'casbin';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { requireAdminOf } from '../../../core/identity/privileges.ts';
import type { Identity } from '../../../core/identity/identity.ts';
import { parseId } from '../../objects/id.ts';
import { loadModel } from '../enforce/models.ts';
import { CasbinRuleAdapter, policyLine, ruleOf, type PolicyLine } from '../enforce/rule-adapter.ts';

const POLICY_TYPE = /^[pg]\d*$/;

/** A policy line from a body ({ptype, v0 … v5}); the values must be text. */
export function policyFromBody(value: unknown): PolicyLine {
  const body = (value ?? {}) as Record<string, unknown>;
  const ptype = body.ptype ?? body.Ptype;
  if (typeof ptype !== 'string' || !POLICY_TYPE.test(ptype)) throw new ApiError('general.invalid_field', { field: 'ptype' });
  const values: string[] = [];
  for (let index = 0; index < 6; index++) {
    const item = body[`v${index}`] ?? body[`V${index}`] ?? '';
    if (typeof item !== 'string' || item.length > 1000) throw new ApiError('general.invalid_field', { field: `v${index}` });
    values.push(item);
  }
  return policyLine(ptype, values);
}

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
  const adapter = new CasbinRuleAdapter(context.db, enforcer.adapter);
  return { enforcer, adapter, casbin: await newEnforcer(await loadModel(context, enforcer.model), adapter) };
}

/** The policy lines of an enforcer's adapter. */
export async function getPolicies(context: AppContext, identity: Identity, id: string): Promise<PolicyLine[]> {
  return (await openEnforcer(context, identity, id)).adapter.lines();
}

/** Thrown inside the transaction of a replacement whose new line was there already: the removal is undone. */
class NothingReplaced extends Error {}

/**
 * Adds, removes or replaces one line through Casbin (which saves it through the adapter); answers
 * whether anything changed. One transaction: a replacement ([old, new]) happens whole or not at
 * all, even when the process dies between its two steps.
 */
export async function changePolicy(context: AppContext, identity: Identity, id: string, change: { add?: PolicyLine; remove?: PolicyLine }): Promise<boolean> {
  const enforcer = await findEnforcer(context, identity, id);
  const model = await loadModel(context, enforcer.model);
  const section = (line: PolicyLine) => line.ptype.charAt(0);
  try {
    return await context.db.transaction().execute(async (trx) => {
      const casbin = await newEnforcer(model, new CasbinRuleAdapter(trx, enforcer.adapter));
      const call = async (line: PolicyLine, adding: boolean) => {
        const rule = ruleOf(line);
        if (section(line) === 'g') return adding ? casbin.addNamedGroupingPolicy(line.ptype, ...rule) : casbin.removeNamedGroupingPolicy(line.ptype, ...rule);
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
    throw new ApiError('object.enforce_failed', { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' });
  }
}
