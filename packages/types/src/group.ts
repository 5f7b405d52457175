import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text } from './fields.ts';

export const Group = T.Object({
  owner: text(),
  name: text(),
  createdTime: text(),
  updatedTime: text(),
  displayName: text(),
  manager: text(),
  contactEmail: text(),
  type: text(),
  parentId: text(),
  isTopGroup: flag(),
  title: text(),
  key: text(),
  isEnabled: flag(),
});

export type Group = Static<typeof Group>;
