import { type Static, Type as T } from '@sinclair/typebox';
import { decimal, text, texts } from './fields.ts';

export const Payment = T.Object({
  owner: text('The organization'),
  name: text(),
  createdTime: text(),
  displayName: text(),
  provider: text('Name of the payment provider'),
  type: text('The provider type: Dummy, Balance …'),
  products: texts(),
  productsDisplayName: text(),
  productName: text(),
  productDisplayName: text(),
  detail: text(),
  currency: text(),
  price: decimal(),
  user: text('Name of the payer, a user of the organization'),
  personName: text(),
  personIdCard: text(),
  personEmail: text(),
  personPhone: text(),
  invoiceType: text(),
  invoiceTitle: text(),
  invoiceTaxId: text(),
  invoiceRemark: text(),
  invoiceUrl: text(),
  order: text(),
  outOrderId: text("The provider's reference"),
  payUrl: text('Where the payer pays'),
  successUrl: text(),
  state: text('Created, Paid, Canceled, Timeout or Error'),
  message: text(),
});

export type Payment = Static<typeof Payment>;
