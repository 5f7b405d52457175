import { codecs, findRow } from '@latchkey/db';
import { Order, type Product, type ProductInfo } from '@latchkey/types';
import { type AppContext, nowText } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { defineKind } from '../objects/kind.ts';
import { isBuyer } from './buyer.ts';
import {
  addPrices,
  checkCurrency,
  checkPrice,
  checkQuantity,
  checkState,
  MAX_ORDER_LINES,
  MAX_ORDER_QUANTITY,
} from './checks.ts';

export const ORDER_STATES = ['Created', 'Paid', 'Canceled', 'Failed', 'Timeout'] as const;

/** The products of an organization named in an order, in the order's order; a missing one is an error. */
export async function orderProducts(context: AppContext, owner: string, names: readonly string[]): Promise<Product[]> {
  const products: Product[] = [];
  for (const name of names) {
    const row = await findRow(context.db, 'product', { owner, name });
    if (!row) throw new ApiError('commerce.product_not_found', { name });
    products.push(codecs.product.decode(row) as Product);
  }
  return products;
}

/** Fields of an order line that Casdoor leaves out when they are empty (`omitempty`). */
const OMITTED_WHEN_EMPTY = [
  'createdTime',
  'image',
  'detail',
  'currency',
  'isRecharge',
  'quantity',
  'pricingName',
  'planName',
] as const;

/** An order line as Casdoor writes it: empty optional fields left out. */
export function compactLine(line: ProductInfo): ProductInfo {
  const out: Record<string, unknown> = { ...line };
  for (const field of OMITTED_WHEN_EMPTY)
    if (out[field] === '' || out[field] === false || out[field] === 0 || out[field] === undefined) delete out[field];
  return out as ProductInfo;
}

/** An order line as the product is now (what add-order fills in for the products it names). */
const lineOf = (product: Product): ProductInfo =>
  compactLine({
    name: product.name,
    displayName: product.displayName,
    image: product.image,
    detail: product.detail,
    price: product.price,
    isRecharge: product.isRecharge,
  });

function checkLines(lines: readonly ProductInfo[]): void {
  if (lines.length > MAX_ORDER_LINES) throw new ApiError('commerce.too_many_products', { max: MAX_ORDER_LINES });
  lines.forEach((line, index) => {
    if (line.price !== undefined) checkPrice(line.price, `productInfos[${index}].price`);
    if (line.quantity !== undefined)
      checkQuantity(line.quantity, `productInfos[${index}].quantity`, 0, MAX_ORDER_QUANTITY);
    if (line.currency !== undefined) checkCurrency(line.currency);
  });
}

/**
 * Completes an order as Casdoor does: one that names products but no lines gets a line per product
 * (as the product is now) and their prices as its price; when its products change, the lines of
 * products it kept stay as they were ordered. A change of state stamps updateTime.
 */
async function prepareOrder(
  context: AppContext,
  order: Order,
  stored?: Order,
  changed?: ReadonlySet<string>,
): Promise<Order> {
  checkCurrency(order.currency);
  checkPrice(order.price, 'price');
  checkPrice(order.couponDiscount, 'couponDiscount');
  checkState(order.state, ORDER_STATES);
  if (order.products.length > MAX_ORDER_LINES)
    throw new ApiError('commerce.too_many_products', { max: MAX_ORDER_LINES });
  const fill =
    stored === undefined
      ? order.products.length > 0 && order.productInfos.length === 0
      : changed?.has('products') === true;
  if (fill) {
    const kept = new Map((stored?.productInfos ?? []).map((line) => [line.name, line]));
    order.productInfos = (await orderProducts(context, order.owner, order.products)).map(
      (product) => kept.get(product.name) ?? lineOf(product),
    );
    order.price = addPrices(...order.productInfos.map((line) => line.price ?? 0));
  }
  checkLines(order.productInfos);
  if (stored !== undefined && order.state !== stored.state)
    order.updateTime = order.state === 'Created' ? '' : nowText(context);
  return order;
}

/** Orders: what a user ordered (one line per product, with the price at the time), and its state. Users read their own. */
export const orderKind = defineKind<Order>({
  name: 'order',
  schema: Order,
  placement: 'organization',
  audience: { list: 'admin', get: 'signedIn', write: 'admin' },
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      user: 'exact',
      payment: 'exact',
      state: 'exact',
      currency: 'exact',
    },
    sortable: ['createdTime', 'updateTime', 'name', 'displayName', 'price', 'user', 'state'],
  },
  fields: { readOnly: ['updateTime'] },
  selfOf: isBuyer,
  hooks: {
    prepareAdd: (context, order) => prepareOrder(context, order),
    prepareUpdate: (context, order, { stored, changed }) => prepareOrder(context, order, stored, changed),
  },
  references: [{ table: 'payment', column: 'order', holds: 'name', within: 'owner' }],
});
