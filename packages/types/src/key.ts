import { type Static, Type as T } from '@sinclair/typebox';
import { text } from './fields.ts';

export const Key = T.Object({
  owner: text('The organization'),
  name: text(),
  createdTime: text(),
  updatedTime: text(),
  displayName: text(),
  type: text(),
  organization: text(),
  application: text(),
  user: text(),
  accessKey: text(),
  accessSecret: text(),
  expireTime: text('RFC 3339; empty means no expiry'),
  state: text('Active or Inactive'),
});

export type Key = Static<typeof Key>;
