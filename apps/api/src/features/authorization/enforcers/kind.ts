import { findRow } from '@latchkey/db';
import { Enforcer } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { parseId } from '../../objects/id.ts';
import { defineKind } from '../../objects/kind.ts';
import { sameOrganizationId } from '../../objects/members.ts';
import { SHARED_ADAPTERS } from '../adapter-kind.ts';
import { SHARED_MODELS } from '../model-kind.ts';

async function checkEnforcer(context: AppContext, enforcer: Enforcer): Promise<Enforcer> {
  enforcer.model = sameOrganizationId(enforcer.owner, 'model', enforcer.model, SHARED_MODELS);
  enforcer.adapter = sameOrganizationId(enforcer.owner, 'adapter', enforcer.adapter, SHARED_ADAPTERS);
  for (const [table, id] of [
    ['model', enforcer.model],
    ['adapter', enforcer.adapter],
  ] as const) {
    if (!id) throw new ApiError('general.missing_parameter', { name: table });
    const { owner, name } = parseId(id);
    if (!(await findRow(context.db, table, { owner, name })))
      throw new ApiError('object.member_not_found', { field: table, id });
  }
  return enforcer;
}

/**
 * Enforcers: a model and an adapter of the same organization (or Casdoor's shared default model and
 * adapter of `built-in`), evaluated by POST /api/enforce?enforcerId=. Its policy lines are kept in
 * the store policyStoreOf names.
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
    prepareAdd: (context, enforcer) => checkEnforcer(context, enforcer),
    prepareUpdate: (context, enforcer) => checkEnforcer(context, enforcer),
  },
});
