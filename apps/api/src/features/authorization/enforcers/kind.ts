import { findRow } from '@latchkey/db';
import { Enforcer } from '@latchkey/types';
import { BUILT_IN_ORGANIZATION } from '../../../core/built-in-names.ts';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import type { Identity } from '../../../core/identity/identity.ts';
import { parseId } from '../../objects/id.ts';
import { type Caller, defineKind } from '../../objects/kind.ts';
import { sameOrganizationId } from '../../objects/members.ts';
import { SHARED_ADAPTERS } from '../adapter-kind.ts';
import { SHARED_MODELS } from '../model-kind.ts';

/**
 * An enforcer's model or adapter as an id: one of its organization's, which need not exist yet
 * (Casdoor's SDK tests name an adapter "Casdoor Website" that nobody adds), or one of Casdoor's shared
 * defaults. A global administrator may also write an id of `built-in` that names nothing (the Python
 * SDK's test writes `built-in/user-adapter-built-in` as a model): an enforcer evaluates only a model
 * of its own organization or the shared default (usableModelOf), so such an id is never used.
 */
async function referenceOf(
  context: AppContext,
  identity: Identity,
  enforcer: Enforcer,
  table: 'model' | 'adapter',
  shared: readonly string[],
): Promise<string> {
  const value = enforcer[table];
  if (!value) throw new ApiError('general.missing_parameter', { name: table });
  const { owner, name } = parseId(value.includes('/') ? value : `${enforcer.owner}/${value}`);
  if (identity.isGlobalAdmin && owner === BUILT_IN_ORGANIZATION && !shared.includes(value)) {
    if (!(await findRow(context.db, table, { owner, name }))) return value;
  }
  const id = sameOrganizationId(enforcer.owner, table, value, shared);
  if (shared.includes(id) && !(await findRow(context.db, table, { owner, name })))
    throw new ApiError('object.member_not_found', { field: table, id });
  return id;
}

/** The model and adapter of a new enforcer, or those an update changes (what was accepted stays, even once what it names has appeared). */
async function checkEnforcer(
  context: AppContext,
  enforcer: Enforcer,
  caller: Caller,
  changed?: ReadonlySet<string>,
): Promise<Enforcer> {
  if (!changed || changed.has('model'))
    enforcer.model = await referenceOf(context, caller.identity, enforcer, 'model', SHARED_MODELS);
  if (!changed || changed.has('adapter'))
    enforcer.adapter = await referenceOf(context, caller.identity, enforcer, 'adapter', SHARED_ADAPTERS);
  return enforcer;
}

/**
 * Enforcers: a model and an adapter of the same organization (or Casdoor's shared default model and
 * adapter of `built-in`), evaluated by POST /api/enforce?enforcerId=. Its policy lines are kept in
 * the store policyStoreOf names. The model and adapter may be named before they are added.
 */
export const enforcerKind = defineKind<Enforcer>({
  name: 'enforcer',
  schema: Enforcer,
  placement: 'organization',
  listing: {
    filterable: { name: 'text', displayName: 'text', model: 'exact', adapter: 'exact' },
    sortable: ['createdTime', 'updatedTime', 'name'],
  },
  hooks: {
    prepareAdd: (context, enforcer, caller) => checkEnforcer(context, enforcer, caller),
    prepareUpdate: (context, enforcer, { caller, changed }) => checkEnforcer(context, enforcer, caller, changed),
  },
});
