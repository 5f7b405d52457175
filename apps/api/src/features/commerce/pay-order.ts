import { codecs, findRow, insertRow, updateRows } from '@latchkey/db';
import type { Order, Payment, Plan, Product, Subscription, User } from '@latchkey/types';
import { type AppContext, formatTime, nowText } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Trx } from '../objects/kind.ts';
import { timeId } from './checks.ts';
import { settle } from './notify-payment.ts';
import { orderProducts } from './order-kind.ts';
import { type PayAnswer, paymentDriver, productProvider } from './payment-providers.ts';
import { orderCurrency } from './place-order.ts';
import { hasLiveSubscription } from './subscription-kind.ts';

/** The end of a subscription period that starts at `start`: one month or one year later. */
function periodEnd(start: Date, period: string): Date {
  const end = new Date(start);
  if (period === 'Monthly') end.setUTCMonth(end.getUTCMonth() + 1);
  else if (period === 'Yearly') end.setUTCFullYear(end.getUTCFullYear() + 1);
  else throw new ApiError('commerce.period_invalid', { period });
  return end;
}

/** The subscriptions an order's plan lines start (Pending until the payment is paid), checked before anything is written. */
async function subscriptionsOf(
  context: AppContext,
  order: Order,
  paymentName: string,
): Promise<{ subscription: Subscription; pricingName: string }[]> {
  const out: { subscription: Subscription; pricingName: string }[] = [];
  const now = context.clock.now();
  for (const line of order.productInfos) {
    if (!line.pricingName || !line.planName) continue;
    const row = await findRow(context.db, 'plan', { owner: order.owner, name: line.planName });
    if (!row) throw new ApiError('commerce.plan_not_found', { name: line.planName });
    const plan = codecs.plan.decode(row) as Plan;
    if (plan.isExclusive && (await hasLiveSubscription(context, order.owner, order.user, plan.name))) {
      throw new ApiError('commerce.already_subscribed', { user: order.user, plan: plan.name });
    }
    const id = crypto.randomUUID().replaceAll('-', '').slice(0, 6);
    const subscription: Subscription = {
      ...codecs.subscription.defaults(),
      owner: order.owner,
      name: `sub_${id}`,
      displayName: `New Subscription - ${id}`,
      createdTime: formatTime(now),
      user: order.user,
      pricing: line.pricingName,
      plan: plan.name,
      payment: paymentName,
      startTime: formatTime(now),
      endTime: formatTime(periodEnd(now, plan.period)),
      period: plan.period,
      state: 'Pending',
    };
    out.push({ subscription, pricingName: line.pricingName });
  }
  return out;
}

/** Where the payer comes back to: the product's success URL, else the result page of the plan or of the payment. */
function returnUrlOf(
  context: AppContext,
  product: Product,
  owner: string,
  paymentName: string,
  plan?: { pricingName: string; subscription: string },
): string {
  if (product.successUrl) {
    const url = new URL(product.successUrl);
    url.searchParams.set('transactionOwner', owner);
    url.searchParams.set('transactionName', paymentName);
    return url.toString();
  }
  const origin = context.config.origin;
  if (plan)
    return `${origin}/buy-plan/${encodeURIComponent(owner)}/${encodeURIComponent(plan.pricingName)}/result?subscription=${encodeURIComponent(plan.subscription)}`;
  return `${origin}/payments/${encodeURIComponent(owner)}/${encodeURIComponent(paymentName)}/result`;
}

export interface PayResult {
  payment: Payment;
  attachInfo: PayAnswer['attachInfo'];
}

/**
 * pay-order: a payment in state Created for an order in state Created, through a provider its first
 * product offers, and the Pending subscriptions of its plan lines, all in one database
 * transaction. The Dummy provider answers the return URL as `payUrl`; notify-payment then marks the
 * payment paid. The Balance provider pays at once from the buyer's balance (see settle).
 */
export async function payOrder(context: AppContext, order: Order, providerName: string): Promise<PayResult> {
  const id = `${order.owner}/${order.name}`;
  if (order.state !== 'Created') throw new ApiError('commerce.order_not_payable', { id, state: order.state || '""' });
  const products = await orderProducts(context, order.owner, order.products);
  if (products.length === 0) throw new ApiError('commerce.products_required');
  const currency = orderCurrency(products);
  const userRow = await findRow(context.db, 'user', { owner: order.owner, name: order.user });
  if (!userRow) throw new ApiError('commerce.buyer_not_found', { id: `${order.owner}/${order.user}` });
  const user = codecs.user.decode(userRow) as User;
  const base = products[0]!;
  const provider = await productProvider(context, base, providerName);
  const driver = paymentDriver(provider);

  const paymentName = `payment_${timeId(context.clock.now())}`;
  const subscriptions = await subscriptionsOf(context, order, paymentName);
  const first = subscriptions[0];
  const returnUrl = returnUrlOf(
    context,
    base,
    order.owner,
    paymentName,
    first && { pricingName: first.pricingName, subscription: first.subscription.name },
  );
  const answer = driver.pay({
    price: order.price,
    currency: order.currency || currency,
    returnUrl,
    owner: order.owner,
    paymentName,
  });
  const payment: Payment = {
    ...codecs.payment.defaults(),
    owner: order.owner,
    name: paymentName,
    createdTime: nowText(context),
    displayName: paymentName,
    provider: provider.name,
    type: provider.type,
    products: order.products,
    productsDisplayName: products.map((product) => product.displayName).join(', '),
    detail: products.map((product) => product.description).join(', '),
    currency: order.currency || currency,
    price: order.price,
    user: user.name,
    order: order.name,
    payUrl: answer.payUrl,
    successUrl: returnUrl,
    state: driver.instant ? 'Paid' : 'Created',
    outOrderId: answer.outOrderId,
  };
  await context.db.transaction().execute(async (trx: Trx) => {
    for (const { subscription } of subscriptions)
      await insertRow(trx, 'subscription', codecs.subscription.encode(subscription));
    await insertRow(trx, 'payment', codecs.payment.encode(payment));
    const updated = await updateRows(
      trx,
      'order',
      { owner: order.owner, name: order.name, state: 'Created' },
      { payment: paymentName },
    );
    if (updated === 0) throw new ApiError('commerce.order_not_payable', { id, state: order.state });
    if (driver.instant) await settle(trx, context, payment, { ...order, payment: paymentName }, provider);
  });
  return { payment, attachInfo: answer.attachInfo };
}
