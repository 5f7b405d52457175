import { Model } from '@latchkey/types';
import { defineKind } from '../objects/kind.ts';
import { readModelText } from './enforce/models.ts';

/** A Casbin model text must parse, define a request, a policy, an effect and a matcher, and its matchers must be data. */
export function checkModelText(text: string): void {
  readModelText(text);
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
    prepareUpdate: (_context, next, { changed }) => {
      if (changed.has('modelText')) checkModelText(next.modelText);
      return next;
    },
  },
  references: usedBy,
  usedBy,
});
