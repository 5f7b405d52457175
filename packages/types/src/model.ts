import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text } from './fields.ts';

export const Model = T.Object({
  owner: text(),
  name: text(),
  createdTime: text(),
  updatedTime: text(),
  displayName: text(),
  description: text(),
  modelText: text('Casbin model text'),
  isEnabled: flag(),
});

export type Model = Static<typeof Model>;
