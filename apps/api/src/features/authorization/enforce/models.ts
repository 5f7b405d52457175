import { findRow } from '@latchkey/db';
import type { Model } from 'casbin';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { parseId } from '../../objects/id.ts';
import { casbin } from './casbin.ts';
import { compileModelMatcher } from './matcher/model-matcher.ts';
import { MatcherRefused } from './matcher/refusal.ts';

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

/**
 * A Casbin model text read and checked: it must parse, define a request, a policy, an effect and a
 * matcher, and its matchers must be data (tokens, role functions, Casbin's functions, literals and
 * operators only). Throws the ApiError that says what is wrong.
 */
export function readModelText(text: string): Model {
  let model: Model;
  try {
    model = casbin().newModelFromString(text);
    for (const section of ['r', 'p', 'e', 'm'])
      if (!model.model.get(section)) throw new Error(`section ${section} is missing`);
  } catch (error) {
    throw new ApiError('object.model_invalid', {
      reason: error instanceof Error ? error.message.slice(0, 200) : 'unreadable',
    });
  }
  try {
    compileModelMatcher(model);
  } catch (error) {
    if (error instanceof MatcherRefused)
      throw new ApiError('object.matcher_refused', { name: error.token.slice(0, 100), reason: error.reason });
    throw error;
  }
  return model;
}

/** The Casbin model of a model id (`organization/name`), or the built-in one for ''. A stored model that fails the checks does not load. */
export async function loadModel(context: AppContext, modelId: string): Promise<Model> {
  if (!modelId) return casbin().newModelFromString(BUILT_IN_MODEL);
  const { owner, name } = parseId(modelId);
  const row = await findRow(context.db, 'model', { owner, name });
  if (!row) throw new ApiError('object.member_not_found', { field: 'model', id: modelId });
  try {
    return readModelText(String(row.modelText));
  } catch (error) {
    context.log.warn('stored Casbin model refused', {
      model: modelId,
      problem: error instanceof ApiError ? JSON.stringify(error.params ?? {}) : String(error),
    });
    throw error;
  }
}
