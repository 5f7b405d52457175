import { codecs, findRow, type RowKey, selectRows } from '@latchkey/db';
import type { Permission } from '@latchkey/types';
import type { Adapter } from 'casbin';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import type { SignedInIdentity } from '../../../core/identity/identity.ts';
import { requireAdminOf } from '../../../core/identity/privileges.ts';
import { parseId } from '../../objects/id.ts';
import { DEFAULT_MODEL_ALIAS, usableModelOf } from '../model-kind.ts';
import { casbin } from './casbin.ts';
import { decide } from './decide.ts';
import { Budget, MAX_STEPS } from './matcher/budget.ts';
import { BuiltInRefused, EvaluationLimit, MatcherRefused } from './matcher/refusal.ts';
import { loadModel } from './models.ts';
import { PermissionPolicyAdapter } from './permission-adapter.ts';
import { policyStoreOf } from './policy-store.ts';
import { type RequestValue, subjectsOf } from './request.ts';
import { CasbinRuleAdapter } from './rule-adapter.ts';
import { withinEnforceShare } from './time-share.ts';

/** What to evaluate: exactly one of a permission, a model's permissions, a resource's, an enforcer, or an organization's permissions. */
export interface EnforceTarget {
  permissionId?: string;
  modelId?: string;
  resourceId?: string;
  enforcerId?: string;
  owner?: string;
}

export interface EnforceResult {
  /** One list of answers per model and adapter, each with one answer per request. */
  results: boolean[][];
  /** The model and adapter of each list, as `model/adapter`. */
  keys: string[];
}

/**
 * A permission's model as an id: a bare name (as Casdoor's init_data.json writes it) names a model
 * of the permission's own organization; '' stays '' (the built-in model), and so does
 * `admin/user-model-built-in`, which names no model (see DEFAULT_MODEL_ALIAS).
 */
export const modelIdOf = (permission: Pick<Permission, 'owner' | 'model'>) => {
  if (permission.model === DEFAULT_MODEL_ALIAS) return '';
  return !permission.model || permission.model.includes('/')
    ? permission.model
    : `${permission.owner}/${permission.model}`;
};

const decodePermissions = (rows: Record<string, unknown>[]) => rows.map((row) => codecs.permission.decode(row));

/** The ApiError for what stopped an evaluation: a refused rule, a spent budget, a built-in refusing its arguments. */
function evaluationError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof MatcherRefused)
    return new ApiError('object.matcher_refused', { name: error.token.slice(0, 100), reason: error.reason });
  if (error instanceof EvaluationLimit) return new ApiError('object.enforce_limit_exceeded', { limit: error.limit });
  if (error instanceof BuiltInRefused)
    return new ApiError('object.enforce_failed', { reason: error.message.slice(0, 200) });
  return new ApiError('object.enforce_failed', {
    reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
  });
}

/** Each request's answer under one model; a request with another number of values than the model's is false there. */
async function evaluate(
  adapter: Adapter,
  modelId: string,
  context: AppContext,
  requests: RequestValue[][],
  budget: Budget,
): Promise<boolean[]> {
  const model = await loadModel(context, modelId);
  const size = model.model.get('r')?.get('r')?.tokens.length ?? 0;
  try {
    // Casbin loads the policy and builds the role links; the matcher is evaluated by decide(), never compiled by Casbin.
    const enforcer = await casbin().newEnforcer(model, adapter);
    const fitting = requests.filter((request) => request.length === size);
    const answers = fitting.length > 0 ? decide(enforcer.getModel(), fitting, budget) : [];
    return requests.map((request) => (request.length === size ? answers.shift()! : false));
  } catch (error) {
    throw evaluationError(error);
  }
}

async function permissionsToEvaluate(
  context: AppContext,
  identity: SignedInIdentity,
  target: EnforceTarget,
): Promise<Permission[]> {
  if (target.permissionId) {
    const { owner, name } = parseId(target.permissionId);
    requireAdminOf(identity, owner);
    const row = await findRow(context.db, 'permission', { owner, name });
    if (!row) throw new ApiError('object.member_not_found', { field: 'permissionId', id: target.permissionId });
    return decodePermissions([row]);
  }
  if (target.modelId) {
    const { owner, name } = parseId(target.modelId);
    requireAdminOf(identity, owner);
    // Imported permissions may name their model by its bare name.
    return decodePermissions(
      await selectRows(context.db, context.dialect, {
        table: 'permission',
        key: { owner },
        oneOf: { column: 'model', values: [target.modelId, name] },
      }),
    );
  }
  if (target.owner) {
    requireAdminOf(identity, target.owner);
    return decodePermissions(
      await selectRows(context.db, context.dialect, { table: 'permission', key: { owner: target.owner } }),
    );
  }
  // resourceId: in the organizations the caller administers.
  const key: RowKey = identity.isGlobalAdmin ? {} : { owner: identity.organization };
  const rows = await selectRows(context.db, context.dialect, {
    table: 'permission',
    key,
    filters: [{ column: 'resources', match: 'contains', value: JSON.stringify(target.resourceId) }],
  });
  return decodePermissions(rows).filter((permission) => permission.resources.includes(target.resourceId!));
}

/**
 * POST /api/enforce and /api/batch-enforce: real Casbin evaluation. An enforcer uses its model and
 * its adapter's policy lines; permissions are grouped by model and adapter and evaluated with the
 * policy derived from them. The caller must administer the organization asked about. Each call
 * has its budget (matcher/budget.ts), and the caller's organization its share of the server's time.
 */
export function enforce(
  context: AppContext,
  identity: SignedInIdentity,
  target: EnforceTarget,
  requests: RequestValue[][],
): Promise<EnforceResult> {
  return withinEnforceShare(context, identity.organization, () =>
    enforceWithinBudget(context, identity, target, requests),
  );
}

async function enforceWithinBudget(
  context: AppContext,
  identity: SignedInIdentity,
  target: EnforceTarget,
  requests: RequestValue[][],
): Promise<EnforceResult> {
  const given = Object.values(target).filter((value) => value).length;
  if (given === 0) throw new ApiError('general.missing_parameter', { name: 'permissionId' });
  if (given > 1) throw new ApiError('object.enforce_one_target');
  const budget = new Budget(MAX_STEPS, context.config.enforceCallLimit);

  if (target.enforcerId) {
    const { owner, name } = parseId(target.enforcerId);
    requireAdminOf(identity, owner);
    const row = await findRow(context.db, 'enforcer', { owner, name });
    if (!row) throw new ApiError('object.member_not_found', { field: 'enforcerId', id: target.enforcerId });
    const enforcer = codecs.enforcer.decode(row);
    const results = await evaluate(
      new CasbinRuleAdapter(context.db, policyStoreOf(enforcer)),
      usableModelOf(enforcer),
      context,
      requests,
      budget,
    );
    return { results: [results], keys: [`${enforcer.model}/${enforcer.adapter}`] };
  }

  const groups = new Map<string, Permission[]>();
  for (const stored of await permissionsToEvaluate(context, identity, target)) {
    const permission = { ...stored, model: modelIdOf(stored) };
    const key = `${permission.model}/${permission.adapter}`;
    groups.set(key, [...(groups.get(key) ?? []), permission]);
  }
  const out: EnforceResult = { results: [], keys: [] };
  for (const [key, permissions] of groups) {
    const adapter = new PermissionPolicyAdapter(context.db, permissions, context.clock.now(), subjectsOf(requests));
    out.results.push(await evaluate(adapter, permissions[0]!.model, context, requests, budget));
    out.keys.push(key);
  }
  return out;
}
