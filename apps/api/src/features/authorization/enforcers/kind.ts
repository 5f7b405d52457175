import { findRow } from '@latchkey/db';
import { Enforcer } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { parseId } from '../../objects/id.ts';
import { defineKind } from '../../objects/kind.ts';
import { sameOrganizationId } from '../../objects/members.ts';

async function checkEnforcer(context: AppContext, enforcer: Enforcer): Promise<Enforcer> {
  enforcer.model = sameOrganizationId(enforcer.owner, 'model', enforcer.model);
  enforcer.adapter = sameOrganizationId(enforcer.owner, 'adapter', enforcer.adapter);
  for (const [table, id] of [
    ['model', enforcer.model],
    ['adapter', enforcer.adapter],
  ] as const) {
    if (!id) throw new ApiError('general.missing_parameter', { name: table });
    const { owner, name } = parseId(id);
    if (!(await findRow(context.db, table, { owner, name }))) throw new ApiError('object.member_not_found', { field: table, id });
  }
  return enforcer;
}

/** Enforcers: a model and an adapter of the same organization, evaluated by POST /api/enforce?enforcerId=. */
export const enforcerKind = defineKind<Enforcer>({
  name: 'enforcer',
  schema: Enforcer,
  placement: 'organization',
  listing: { filterable: { name: 'text', displayName: 'text', model: 'exact', adapter: 'exact' }, sortable: ['createdTime', 'updatedTime', 'name'] },
  hooks: {
    prepareAdd: (context, enforcer) => checkEnforcer(context, enforcer),
    prepareUpdate: (context, enforcer) => checkEnforcer(context, enforcer),
  },
});
