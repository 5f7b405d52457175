import { Model } from '@latchkey/types';
import { newModelFromString } from 'casbin';
import { ApiError } from '../../errors/api-error.ts';
import { defineKind } from '../../objects/kind.ts';

/** A Casbin model text must parse, and define a request, a policy, an effect and a matcher. */
export function checkModelText(text: string): void {
  try {
    const model = newModelFromString(text);
    for (const section of ['r', 'p', 'e', 'm']) if (!model.model.get(section)) throw new Error(`section ${section} is missing`);
  } catch (error) {
    throw new ApiError('object.model_invalid', { reason: error instanceof Error ? error.message.slice(0, 200) : 'unreadable' });
  }
}

const usedBy = [
  { table: 'permission', column: 'model', holds: 'id' },
  { table: 'enforcer', column: 'model', holds: 'id' },
] as const;

/** Casbin models of an organization, used by its permissions and enforcers; a model in use cannot be deleted. */
export const modelKind = defineKind<Model>({
  name: 'model',
  schema: Model,
  placement: 'organization',
  listing: { filterable: { name: 'text', displayName: 'text', description: 'text' }, sortable: ['createdTime', 'updatedTime', 'name', 'displayName'] },
  hooks: {
    prepareAdd: (_context, model) => {
      checkModelText(model.modelText);
      return model;
    },
    prepareUpdate: (_context, next, _stored, changed) => {
      if (changed.has('modelText')) checkModelText(next.modelText);
      return next;
    },
  },
  references: usedBy,
  usedBy,
});
