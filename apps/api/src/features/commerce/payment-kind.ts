import { Payment } from '@latchkey/types';
import { defineKind } from '../objects/kind.ts';
import { isBuyer } from './buyer.ts';
import { checkCurrency, checkPrice, checkState, checkUrl } from './checks.ts';

export const PAYMENT_STATES = ['Created', 'Paid', 'Canceled', 'Timeout', 'Error'] as const;
/** States a payment never leaves. */
export const FINAL_PAYMENT_STATES = ['Paid', 'Canceled', 'Timeout', 'Error'];

function checkPayment(payment: Payment): Payment {
  checkCurrency(payment.currency);
  checkPrice(payment.price, 'price');
  checkState(payment.state, PAYMENT_STATES);
  checkUrl(payment.payUrl, 'payUrl');
  checkUrl(payment.successUrl, 'successUrl');
  return payment;
}

/** Payments: what a user paid (or is paying) for an order, through which provider, and its state. Users read their own. */
export const paymentKind = defineKind<Payment>({
  name: 'payment',
  schema: Payment,
  placement: 'organization',
  audience: { list: 'admin', get: 'signedIn', write: 'admin' },
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      productName: 'text',
      provider: 'exact',
      type: 'exact',
      user: 'exact',
      order: 'exact',
      state: 'exact',
      currency: 'exact',
    },
    sortable: ['createdTime', 'name', 'displayName', 'price', 'user', 'state'],
  },
  selfOf: isBuyer,
  hooks: {
    prepareAdd: (_context, payment) => checkPayment(payment),
    prepareUpdate: (_context, payment) => checkPayment(payment),
  },
  // Subscriptions, orders and transactions name the payment they came with.
  references: [
    { table: 'subscription', column: 'payment', holds: 'name', within: 'owner' },
    { table: 'order', column: 'payment', holds: 'name', within: 'owner' },
    { table: 'transaction', column: 'payment', holds: 'name', within: 'owner' },
  ],
});
