import { codecs, findRow, insertRow, updateRows } from '@latchkey/db';
import type { Order, Pricing, Product, ProductInfo, User } from '@latchkey/types';
import { type AppContext, nowText } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import {
  addPrices,
  checkPrice,
  checkQuantity,
  DEFAULT_CURRENCY,
  MAX_ORDER_LINES,
  MAX_ORDER_QUANTITY,
  timeId,
} from './checks.ts';
import { compactLine, orderProducts } from './order-kind.ts';

/** One line of place-order's body, as Casdoor's clients send it (`price` is the amount of a recharge). */
export interface OrderRequestLine {
  name?: string;
  price?: number;
  quantity?: number;
  pricingName?: string;
  planName?: string;
}

/** The currency of an order: its first product's (USD when it names none); every other product must have the same. */
export function orderCurrency(products: readonly Product[]): string {
  const currency = products[0]?.currency || DEFAULT_CURRENCY;
  for (const product of products) {
    const own = product.currency || DEFAULT_CURRENCY;
    if (own !== currency)
      throw new ApiError('commerce.currencies_differ', { name: product.name, currency: own, expected: currency });
  }
  return currency;
}

/** The price of one unit: the product's, or for a recharge the amount asked (above zero, one of the options when only those are offered). */
function unitPrice(product: Product, asked: number | undefined): number {
  if (!product.isRecharge) return product.price;
  if (asked === undefined || !(asked > 0)) throw new ApiError('commerce.custom_price_required');
  checkPrice(asked, 'price');
  if (product.disableCustomRecharge && product.rechargeOptions.length > 0 && !product.rechargeOptions.includes(asked)) {
    throw new ApiError('commerce.custom_price_not_offered', { price: asked, name: product.name });
  }
  return asked;
}

/** A line that buys a plan must name a pricing of the organization that offers it. */
async function checkPlanLine(context: AppContext, owner: string, pricingName: string, planName: string): Promise<void> {
  const pricingRow = await findRow(context.db, 'pricing', { owner, name: pricingName });
  if (!pricingRow) throw new ApiError('commerce.pricing_not_found', { name: pricingName });
  if (!(codecs.pricing.decode(pricingRow) as Pricing).plans.includes(planName))
    throw new ApiError('commerce.pricing_lacks_plan', { pricing: pricingName, plan: planName });
  if (!(await findRow(context.db, 'plan', { owner, name: planName })))
    throw new ApiError('commerce.plan_not_found', { name: planName });
}

/**
 * place-order: an order in state Created of a user for products of their organization, with each
 * line's price as it is now (the amount asked for a recharge) and the total. Nothing is paid yet.
 */
export async function placeOrder(
  context: AppContext,
  owner: string,
  lines: readonly OrderRequestLine[],
  buyer: User,
  couponCode = '',
): Promise<Order> {
  if (couponCode) throw new ApiError('commerce.coupons_not_supported');
  if (lines.length === 0) throw new ApiError('commerce.products_required');
  if (lines.length > MAX_ORDER_LINES) throw new ApiError('commerce.too_many_products', { max: MAX_ORDER_LINES });
  const names = lines.map((line) => line.name ?? '');
  const missing = names.find((name) => name === '');
  if (missing !== undefined) throw new ApiError('commerce.product_not_found', { name: missing });
  const products = await orderProducts(context, owner, names);
  const currency = orderCurrency(products);
  const productInfos: ProductInfo[] = [];
  let price = 0;
  for (const [index, line] of lines.entries()) {
    const product = products[index]!;
    const quantity = line.quantity ?? 1;
    checkQuantity(quantity, `productInfos[${index}].quantity`, 1, MAX_ORDER_QUANTITY);
    if (!product.isRecharge && quantity > product.quantity)
      throw new ApiError('commerce.out_of_stock', { name: product.name });
    const unit = unitPrice(product, line.price);
    if (line.pricingName && line.planName) await checkPlanLine(context, owner, line.pricingName, line.planName);
    productInfos.push(
      compactLine({
        owner,
        name: product.name,
        displayName: product.displayName,
        image: product.image,
        detail: product.detail,
        price: unit,
        currency: product.currency,
        isRecharge: product.isRecharge,
        quantity,
        pricingName: line.pricingName,
        planName: line.planName,
      }),
    );
    price = addPrices(price, unit * quantity);
  }
  checkPrice(price, 'price');
  const name = `order_${timeId(context.clock.now())}`;
  const order: Order = {
    ...codecs.order.defaults(),
    owner,
    name,
    displayName: name,
    createdTime: nowText(context),
    products: names,
    productInfos,
    user: buyer.name,
    price,
    currency,
    state: 'Created',
  };
  await insertRow(context.db, 'order', codecs.order.encode(order));
  return order;
}

/** cancel-order: an order not yet paid (Created) becomes Canceled. */
export async function cancelOrder(context: AppContext, order: Order): Promise<boolean> {
  if (order.state !== 'Created')
    throw new ApiError('commerce.order_not_cancelable', {
      id: `${order.owner}/${order.name}`,
      state: order.state || '""',
    });
  const changed = await updateRows(
    context.db,
    'order',
    { owner: order.owner, name: order.name, state: 'Created' },
    { state: 'Canceled', message: 'Canceled by user', updateTime: nowText(context) },
  );
  return changed > 0;
}
