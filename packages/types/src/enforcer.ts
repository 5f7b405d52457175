import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text } from './fields.ts';

export const Enforcer = T.Object({
  owner: text(),
  name: text(),
  createdTime: text(),
  updatedTime: text(),
  displayName: text(),
  description: text(),
  model: text('Model id (owner/name)'),
  adapter: text('Adapter id (owner/name)'),
  isEnabled: flag(),
});

export type Enforcer = Static<typeof Enforcer>;
