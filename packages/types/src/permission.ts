import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text, texts } from './fields.ts';

export const Permission = T.Object({
  owner: text(),
  name: text(),
  createdTime: text(),
  displayName: text(),
  description: text(),
  users: texts(),
  groups: texts(),
  roles: texts(),
  domains: texts(),
  model: text('Model name in the same organization'),
  adapter: text(),
  resourceType: text(),
  resources: texts(),
  actions: texts(),
  effect: text('Allow or Deny'),
  isEnabled: flag(),
  expireTime: text(),
  submitter: text(),
  approver: text(),
  approveTime: text(),
  state: text(),
});

export type Permission = Static<typeof Permission>;
