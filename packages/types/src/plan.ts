import { type Static, Type as T } from '@sinclair/typebox';
import { decimal, flag, text, texts } from './fields.ts';

export const Plan = T.Object({
  owner: text('The organization'),
  name: text(),
  createdTime: text(),
  displayName: text(),
  description: text(),
  price: decimal(),
  currency: text(),
  period: text('Monthly or Yearly'),
  product: text('The product sold for this plan (made with the plan when none is named)'),
  paymentProviders: texts('Names of payment providers of the organization'),
  isEnabled: flag(),
  isExclusive: flag('A user may hold at most one live subscription of this plan'),
  role: text('Name of a role of the organization'),
});

export type Plan = Static<typeof Plan>;
