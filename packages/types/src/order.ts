import { type Static, Type as T } from '@sinclair/typebox';
import { decimal, list, text, texts } from './fields.ts';

/** One line of an order: the product as it was when ordered. */
export const ProductInfo = T.Object({
  owner: T.Optional(T.String()),
  name: T.Optional(T.String()),
  createdTime: T.Optional(T.String()),
  displayName: T.Optional(T.String()),
  image: T.Optional(T.String()),
  detail: T.Optional(T.String()),
  price: T.Optional(T.Number({ description: 'Price of one unit' })),
  currency: T.Optional(T.String()),
  isRecharge: T.Optional(T.Boolean()),
  quantity: T.Optional(T.Integer()),
  pricingName: T.Optional(T.String()),
  planName: T.Optional(T.String()),
});

export type ProductInfo = Static<typeof ProductInfo>;

export const Order = T.Object({
  owner: text('The organization'),
  name: text(),
  createdTime: text(),
  updateTime: text('When the state last changed'),
  displayName: text(),
  products: texts('Names of products of the organization'),
  productInfos: list(ProductInfo),
  user: text('Name of the buyer, a user of the organization'),
  payment: text(),
  price: decimal(),
  currency: text(),
  state: text('Created, Paid, Canceled, Failed or Timeout'),
  message: text(),
  couponName: text(),
  couponDiscount: decimal(),
});

export type Order = Static<typeof Order>;
