import { codecs, type Database, insertCasbinRule, listCasbinPolicyRules } from '@latchkey/db';
import { Adapter, Enforcer, Model, Permission, Role } from '@latchkey/types';
import type { Transaction } from 'kysely';
import { newId } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { SHARED_ADAPTERS } from '../../features/authorization/adapter-kind.ts';
import { readModelText } from '../../features/authorization/enforce/models.ts';
import { policyStoreOf } from '../../features/authorization/enforce/policy-store.ts';
import { DEFAULT_MODEL_ALIAS, SHARED_MODELS } from '../../features/authorization/model-kind.ts';
import {
  accepted,
  creationTime,
  globalOrOrganizationOwner,
  organizationProblem,
  type Prepare,
  qualifiedId,
  rejected,
} from './entry.ts';
import { nameProblem, readFields } from './read-fields.ts';
import { ENFORCER_POLICIES } from './sections.ts';

/**
 * A model or adapter reference of an object of `owner`, as an id: a bare name names one of the
 * owner's own; another owner's is accepted only when it is one of Casdoor's shared defaults of
 * `built-in` (as for the API's writes), or for a global object (owner "admin").
 */
function ownReference(
  field: string,
  reference: string,
  owner: string,
  shared: readonly string[],
): { id: string } | { problem: string } {
  if (!reference) return { id: '' };
  const id = qualifiedId(reference, owner);
  if (owner !== 'admin' && !id.startsWith(`${owner}/`) && !shared.includes(id))
    return { problem: `its ${field} "${reference}" belongs to another organization` };
  return { id };
}

/** Why a model text cannot be imported: not a Casbin model, or a matcher that is not data. */
function modelTextProblem(text: string): string | undefined {
  try {
    readModelText(text);
    return undefined;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'object.matcher_refused')
      return `its matcher cannot use "${error.params?.name}" (${error.params?.reason})`;
    return `its model text is not a Casbin model (${error instanceof ApiError ? (error.params?.reason ?? error.code) : errorMessage(error)})`;
  }
}

export const prepareModel: Prepare = async ({ context, raw }) => {
  const read = readFields(Model, raw);
  if (!read.ok) return rejected(read.problem);
  const model = read.object;
  const badName = nameProblem('model', model.name);
  if (badName) return rejected(badName);
  const owner = await globalOrOrganizationOwner(context.db, model.owner);
  if ('problem' in owner) return rejected(owner.problem);
  const problem = modelTextProblem(model.modelText);
  if (problem) return rejected(problem);
  const createdTime = creationTime(context, model.createdTime);
  const row = codecs.model.encode({
    ...model,
    owner: owner.owner,
    createdTime,
    updatedTime: model.updatedTime ? creationTime(context, model.updatedTime) : createdTime,
  });
  return accepted({ table: 'model', owner: owner.owner, name: model.name, row, notes: [] });
};

export const prepareAdapter: Prepare = async ({ context, raw }) => {
  const read = readFields(Adapter, raw);
  if (!read.ok) return rejected(read.problem);
  const adapter = read.object;
  const badName = nameProblem('adapter', adapter.name);
  if (badName) return rejected(badName);
  const owner = await globalOrOrganizationOwner(context.db, adapter.owner);
  if ('problem' in owner) return rejected(owner.problem);
  const row = codecs.adapter.encode({
    ...adapter,
    owner: owner.owner,
    createdTime: creationTime(context, adapter.createdTime),
  });
  return accepted({ table: 'adapter', owner: owner.owner, name: adapter.name, row, notes: [] });
};

/** Casdoor writes an enforcer's policy lines as lists of up to six values (v0…v5) under enforcerPolicies. */
function policyLines(file: Record<string, unknown>, enforcerId: string): { lines: string[][] } | { problem: string } {
  const all = file[ENFORCER_POLICIES];
  if (all === undefined || all === null) return { lines: [] };
  if (typeof all !== 'object' || Array.isArray(all)) return { problem: `${ENFORCER_POLICIES} is not an object` };
  const lines = (all as Record<string, unknown>)[enforcerId];
  if (lines === undefined || lines === null) return { lines: [] };
  const valid =
    Array.isArray(lines) &&
    lines.every((line) => Array.isArray(line) && line.length <= 6 && line.every((value) => typeof value === 'string'));
  if (!valid) return { problem: `its policies in ${ENFORCER_POLICIES} are not lists of up to six texts` };
  return { lines: lines as string[][] };
}

async function writePolicies(trx: Transaction<Database>, adapterId: string, lines: string[][]): Promise<void> {
  const existing = await listCasbinPolicyRules(trx, adapterId);
  const key = (values: string[]) => JSON.stringify([0, 1, 2, 3, 4, 5].map((index) => values[index] ?? ''));
  const seen = new Set(existing.map((rule) => key([rule.v0, rule.v1, rule.v2, rule.v3, rule.v4, rule.v5])));
  for (const line of lines) {
    if (seen.has(key(line))) continue;
    seen.add(key(line));
    const [v0 = '', v1 = '', v2 = '', v3 = '', v4 = '', v5 = ''] = line;
    await insertCasbinRule(trx, { id: newId(), adapter: adapterId, ptype: 'p', v0, v1, v2, v3, v4, v5 });
  }
}

/** An enforcer, with the policy lines the file keeps for it stored under its adapter. */
export const prepareEnforcer: Prepare = async ({ context, raw, file }) => {
  const read = readFields(Enforcer, raw);
  if (!read.ok) return rejected(read.problem);
  const enforcer = read.object;
  const badName = nameProblem('enforcer', enforcer.name);
  if (badName) return rejected(badName);
  const owner = await globalOrOrganizationOwner(context.db, enforcer.owner);
  if ('problem' in owner) return rejected(owner.problem);
  const policies = policyLines(file, `${owner.owner}/${enforcer.name}`);
  if ('problem' in policies) return rejected(policies.problem);
  if (policies.lines.length > 0 && !enforcer.adapter) return rejected('it has policies but no adapter to keep them in');
  const model = ownReference('model', enforcer.model, owner.owner, SHARED_MODELS);
  if ('problem' in model) return rejected(model.problem);
  const adapter = ownReference('adapter', enforcer.adapter, owner.owner, SHARED_ADAPTERS);
  if ('problem' in adapter) return rejected(adapter.problem);
  const store = policyStoreOf({ owner: owner.owner, adapter: adapter.id });
  const createdTime = creationTime(context, enforcer.createdTime);
  const row = codecs.enforcer.encode({
    ...enforcer,
    owner: owner.owner,
    model: model.id,
    adapter: adapter.id,
    createdTime,
    updatedTime: enforcer.updatedTime ? creationTime(context, enforcer.updatedTime) : createdTime,
  });
  return accepted({
    table: 'enforcer',
    owner: owner.owner,
    name: enforcer.name,
    row,
    notes:
      policies.lines.length > 0 ? [`${policies.lines.length} policy lines stored under adapter ${adapter.id}`] : [],
    writeRelated: policies.lines.length > 0 ? (trx) => writePolicies(trx, store, policies.lines) : undefined,
  });
};

export const prepareRole: Prepare = async ({ context, raw }) => {
  const read = readFields(Role, raw);
  if (!read.ok) return rejected(read.problem);
  const role = read.object;
  const badName = nameProblem('role', role.name);
  if (badName) return rejected(badName);
  const missing = await organizationProblem(context.db, role.owner);
  if (missing) return rejected(missing);
  const row = codecs.role.encode({ ...role, createdTime: creationTime(context, role.createdTime) });
  return accepted({ table: 'role', owner: role.owner, name: role.name, row, notes: [] });
};

export const preparePermission: Prepare = async ({ context, raw }) => {
  const read = readFields(Permission, raw);
  if (!read.ok) return rejected(read.problem);
  const permission = read.object;
  const badName = nameProblem('permission', permission.name);
  if (badName) return rejected(badName);
  const missing = await organizationProblem(context.db, permission.owner);
  if (missing) return rejected(missing);
  // Casdoor's files name the model by its bare name ("model": "rbac"): a model of the permission's organization.
  const model = ownReference('model', permission.model, permission.owner, [...SHARED_MODELS, DEFAULT_MODEL_ALIAS]);
  if ('problem' in model) return rejected(model.problem);
  const adapter = ownReference('adapter', permission.adapter, permission.owner, SHARED_ADAPTERS);
  if ('problem' in adapter) return rejected(adapter.problem);
  const row = codecs.permission.encode({
    ...permission,
    model: model.id,
    adapter: adapter.id,
    createdTime: creationTime(context, permission.createdTime),
  });
  return accepted({ table: 'permission', owner: permission.owner, name: permission.name, row, notes: [] });
};
