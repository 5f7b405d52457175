import { codecs, findRow, insertRow, selectRows, takeProductStock, updateRows } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import type { Order, Payment, Provider, Subscription, Transaction, User } from '@latchkey/types';
import { type AppContext, nowText } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Trx } from '../objects/kind.ts';
import { addPrices } from './checks.ts';
import { orderProducts } from './order-kind.ts';
import { FINAL_PAYMENT_STATES } from './payment-kind.ts';
import { findPaymentProvider, paymentDriver } from './payment-providers.ts';
import { moveBalance, TRANSACTION_CATEGORIES } from './transaction-kind.ts';

const transactionName = () => crypto.randomUUID().replaceAll('-', '');

/** Why the provider's word cannot be taken (kept in the payment's message, as Casdoor keeps it), or undefined. */
async function verify(context: AppContext, payment: Payment, provider: Provider): Promise<string | undefined> {
  try {
    await orderProducts(context, payment.owner, payment.products);
    const paid = paymentDriver(provider).confirm(payment.outOrderId);
    if (paid.price !== payment.price)
      return `the payment's price: ${paid.price} doesn't equal to the expected price: ${payment.price}`;
    return undefined;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'commerce.provider_not_supported') throw error;
    return error instanceof ApiError
      ? translate('en', error.code, error.params)
      : `the provider's reference cannot be read: ${String(error)}`;
  }
}

function transactionOf(
  context: AppContext,
  payment: Payment,
  order: Order,
  provider: Provider,
  user: User,
  category: string,
  amount: number,
): Transaction {
  const name = transactionName();
  return {
    ...codecs.transaction.defaults(),
    owner: payment.owner,
    name,
    displayName: name,
    createdTime: nowText(context),
    application: user.signupApplication,
    amount,
    currency: order.currency,
    payment: payment.name,
    category,
    type: provider.category,
    subtype: provider.type,
    provider: provider.name,
    tag: 'User',
    user: payment.user,
    state: 'Paid',
  };
}

/**
 * A paid payment's consequences, inside its transaction: the order paid, the purchase (and a
 * recharge) recorded as transactions — which move the buyer's balance when they should (a purchase
 * from it, a recharge to it) — the units taken from the stock, the subscriptions activated.
 */
export async function settle(
  trx: Trx,
  context: AppContext,
  payment: Payment,
  order: Order,
  provider: Provider,
): Promise<void> {
  const now = nowText(context);
  await updateRows(
    trx,
    'order',
    { owner: order.owner, name: order.name },
    { state: 'Paid', message: 'Payment successful', updateTime: now },
  );
  const userRow = await findRow(trx, 'user', { owner: payment.owner, name: payment.user });
  if (!userRow) throw new ApiError('commerce.buyer_not_found', { id: `${payment.owner}/${payment.user}` });
  const user = codecs.user.decode(userRow) as User;
  const purchase = transactionOf(
    context,
    payment,
    order,
    provider,
    user,
    TRANSACTION_CATEGORIES.purchase,
    -payment.price,
  );
  await insertRow(trx, 'transaction', codecs.transaction.encode(purchase));
  await moveBalance(trx, purchase, 1);
  const recharged = addPrices(
    ...order.productInfos.filter((line) => line.isRecharge).map((line) => (line.price ?? 0) * (line.quantity ?? 1)),
  );
  if (recharged > 0) {
    const recharge = transactionOf(context, payment, order, provider, user, TRANSACTION_CATEGORIES.recharge, recharged);
    await insertRow(trx, 'transaction', codecs.transaction.encode(recharge));
    await moveBalance(trx, recharge, 1);
  }
  for (const line of order.productInfos) {
    if (!(await takeProductStock(trx, order.owner, line.name ?? '', line.quantity ?? 1, line.isRecharge === true)))
      throw new ApiError('commerce.out_of_stock', { name: line.name ?? '' });
  }
  const pending = await selectRows(trx, context.dialect, {
    table: 'subscription',
    key: { owner: payment.owner, payment: payment.name, state: 'Pending' },
  });
  for (const row of pending) {
    const subscription = codecs.subscription.decode(row) as Subscription;
    await updateRows(trx, 'subscription', { owner: subscription.owner, name: subscription.name }, { state: 'Active' });
  }
}

/** A failed payment's consequences: the order failed, its pending subscriptions in error. */
async function fail(
  trx: Trx,
  context: AppContext,
  payment: Payment,
  order: Order | undefined,
  message: string,
): Promise<void> {
  if (order)
    await updateRows(
      trx,
      'order',
      { owner: order.owner, name: order.name },
      { state: 'Failed', message, updateTime: nowText(context) },
    );
  await updateRows(
    trx,
    'subscription',
    { owner: payment.owner, payment: payment.name, state: 'Pending' },
    { state: 'Error', description: `payment: ${payment.name} state is Error` },
  );
}

/**
 * notify-payment: asks the payment's provider whether it was paid (the Dummy provider always says
 * yes, at the price it was made with). A paid payment marks its order Paid, records the purchase
 * (and a recharge, which moves the buyer's balance) as transactions, takes the units from the stock
 * and activates the subscriptions bought with it, all in one database transaction. A payment whose
 * provider's word does not hold (another price, products gone) goes to Error and its order to
 * Failed. A payment already paid, failed or canceled is answered as it is.
 */
export async function notifyPayment(context: AppContext, payment: Payment): Promise<Payment> {
  if (FINAL_PAYMENT_STATES.includes(payment.state)) return payment;
  const id = `${payment.owner}/${payment.name}`;
  const provider = await findPaymentProvider(context, payment.owner, payment.provider);
  if (provider) paymentDriver(provider);
  const orderRow = payment.order
    ? await findRow(context.db, 'order', { owner: payment.owner, name: payment.order })
    : undefined;
  const order = orderRow ? (codecs.order.decode(orderRow) as Order) : undefined;
  const problem = provider
    ? await verify(context, payment, provider)
    : `the payment provider: ${payment.provider} does not exist`;
  if (!problem && !order) throw new ApiError('commerce.order_not_found', { id: `${payment.owner}/${payment.order}` });
  const state = problem ? 'Error' : 'Paid';
  const message = problem ?? '';
  await context.db.transaction().execute(async (trx: Trx) => {
    const updated = await updateRows(
      trx,
      'payment',
      { owner: payment.owner, name: payment.name, state: payment.state },
      { state, message },
    );
    // Another notification settled it meanwhile.
    if (updated === 0) return;
    if (problem) await fail(trx, context, payment, order, message);
    else await settle(trx, context, payment, order!, provider!);
  });
  const row = await findRow(context.db, 'payment', { owner: payment.owner, name: payment.name });
  if (!row) throw new ApiError('commerce.payment_not_found', { id });
  return codecs.payment.decode(row) as Payment;
}

/** invoice-payment: the invoice of a paid payment; the Dummy provider issues none (an empty URL). */
export async function invoicePayment(context: AppContext, payment: Payment): Promise<string> {
  if (payment.state !== 'Paid')
    throw new ApiError('commerce.payment_not_paid', { id: `${payment.owner}/${payment.name}` });
  const provider = await findPaymentProvider(context, payment.owner, payment.provider);
  if (!provider) throw new ApiError('commerce.provider_not_found', { name: payment.provider });
  paymentDriver(provider);
  return '';
}
