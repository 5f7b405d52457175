import { type Static, Type as T } from '@sinclair/typebox';
import { decimal, dictionary, flag, list, text, texts, whole } from './fields.ts';

export const Product = T.Object({
  owner: text('The organization'),
  name: text(),
  createdTime: text(),
  displayName: text(),
  image: text(),
  detail: text(),
  description: text(),
  tag: text(),
  currency: text('ISO 4217 code such as USD; empty means USD'),
  price: decimal(0, 'Price of one unit, at least 0'),
  quantity: whole(0, 'Units in stock'),
  sold: whole(0, 'Units sold'),
  isRecharge: flag('The buyer chooses the amount, which is added to their balance'),
  rechargeOptions: list(T.Number(), 'Amounts offered for a recharge'),
  disableCustomRecharge: flag('Only the rechargeOptions amounts may be bought'),
  providers: texts('Names of payment providers of the organization'),
  successUrl: text('Where the buyer goes after paying (transactionOwner and transactionName are added)'),
  state: text(),
  properties: dictionary(),
});

export type Product = Static<typeof Product>;
