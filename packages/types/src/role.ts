import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text, texts } from './fields.ts';

export const Role = T.Object({
  owner: text(),
  name: text(),
  createdTime: text(),
  displayName: text(),
  description: text(),
  users: texts('User ids (owner/name)'),
  groups: texts(),
  roles: texts('Sub-role ids'),
  domains: texts(),
  isEnabled: flag(),
});

export type Role = Static<typeof Role>;
