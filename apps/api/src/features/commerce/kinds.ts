import { orderKind } from './order-kind.ts';
import { paymentKind } from './payment-kind.ts';
import { planKind } from './plan-kind.ts';
import { pricingKind } from './pricing-kind.ts';
import { productKind } from './product-kind.ts';
import { subscriptionKind } from './subscription-kind.ts';
import { transactionKind } from './transaction-kind.ts';

/** The commerce objects, in the order their references run: what is sold, then what was bought. */
export const commerceKinds = [
  productKind,
  planKind,
  pricingKind,
  subscriptionKind,
  orderKind,
  paymentKind,
  transactionKind,
] as const;
