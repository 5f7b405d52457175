import { type Static, Type as T } from '@sinclair/typebox';
import { decimal, text } from './fields.ts';

export const Transaction = T.Object({
  owner: text('The organization'),
  name: text(),
  createdTime: text(),
  displayName: text(),
  application: text(),
  domain: text(),
  category: text('Purchase or Recharge'),
  type: text(),
  subtype: text(),
  provider: text(),
  user: text(),
  tag: text('User: the amount moves the user’s balance; Organization: none'),
  amount: decimal(),
  currency: text(),
  payment: text(),
  state: text(),
});

export type Transaction = Static<typeof Transaction>;
