import { findRow } from '@latchkey/db';
import { newModelFromString, type Model } from 'casbin';
import type { AppContext } from '../../context.ts';
import { ApiError } from '../../errors/api-error.ts';
import { parseId } from '../../objects/id.ts';

/** Casdoor's model for permissions that name none: role-based, one resource and action per rule, allow wins. */
export const BUILT_IN_MODEL = `[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, obj, act, eft, v4, permissionId

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act`;

/** The Casbin model of a model id (`organization/name`), or the built-in one for ''. */
export async function loadModel(context: AppContext, modelId: string): Promise<Model> {
  if (!modelId) return newModelFromString(BUILT_IN_MODEL);
  const { owner, name } = parseId(modelId);
  const row = await findRow(context.db, 'model', { owner, name });
  if (!row) throw new ApiError('object.member_not_found', { field: 'model', id: modelId });
  try {
    return newModelFromString(String(row.modelText));
  } catch (error) {
    throw new ApiError('object.model_invalid', { reason: error instanceof Error ? error.message.slice(0, 200) : 'unreadable' });
  }
}
