import { Model } from '@latchkey/types';
import { BUILT_IN_ORGANIZATION, BUILT_IN_USER_MODEL } from '../../core/built-in-names.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { formatId } from '../objects/id.ts';
import { defineKind } from '../objects/kind.ts';
import { readModelText } from './enforce/models.ts';

/** A Casbin model text must parse, define a request, a policy, an effect and a matcher, and its matchers must be data. */
export function checkModelText(text: string): void {
  readModelText(text);
}

/**
 * A permission's model as Casdoor's SDK tests name it, `admin/user-model-built-in`: no model has
 * this id (`admin` is no organization), so Casdoor evaluates such a permission with its built-in
 * default model, and so does Latchkey. Any organization's permissions may name it.
 */
export const DEFAULT_MODEL_ALIAS = formatId('admin', BUILT_IN_USER_MODEL);

const usedBy = [
  { table: 'permission', column: 'model', holds: 'id', namesNothing: [DEFAULT_MODEL_ALIAS] },
  { table: 'enforcer', column: 'model', holds: 'id', mayNameNothingYet: true },
] as const;

/** Casdoor's default model, which every organization's enforcers and permissions may use as it is. */
export const SHARED_MODELS = [formatId(BUILT_IN_ORGANIZATION, BUILT_IN_USER_MODEL)];

/**
 * The model id an enforcer evaluates with: a model of its own organization, or Casdoor's shared
 * default. Any other id (one of `built-in` that a global administrator wrote while it named
 * nothing) is answered as a model that does not exist, whatever has been added under it since.
 */
export function usableModelOf(enforcer: { owner: string; model: string }): string {
  const { owner, model } = enforcer;
  // '' is Casbin's default model; a bare name is the organization's own.
  if (!model.includes('/') || model.startsWith(`${owner}/`) || SHARED_MODELS.includes(model)) return model;
  throw new ApiError('object.member_not_found', { field: 'model', id: model });
}

/**
 * Casbin models of an organization, used by its permissions and enforcers; a model in use cannot be
 * deleted. Casdoor's default model `built-in/user-model-built-in` may be used by every organization
 * and changed only by global administrators; it is never deleted or renamed.
 */
export const modelKind = defineKind<Model>({
  name: 'model',
  schema: Model,
  placement: 'organization',
  listing: {
    filterable: { name: 'text', displayName: 'text', description: 'text' },
    sortable: ['createdTime', 'updatedTime', 'name', 'displayName'],
  },
  hooks: {
    prepareAdd: (_context, model) => {
      checkModelText(model.modelText);
      return model;
    },
    prepareUpdate: (_context, next, { changed }) => {
      if (changed.has('modelText')) checkModelText(next.modelText);
      return next;
    },
  },
  references: usedBy,
  usedBy,
  builtIns: SHARED_MODELS,
  sharedBuiltIns: SHARED_MODELS,
});
