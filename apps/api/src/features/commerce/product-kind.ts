import { codecs, selectRows } from '@latchkey/db';
import { Product, type Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { defineKind, type Trx } from '../objects/kind.ts';
import { checkCurrency, checkPrice, checkQuantity, checkUrl } from './checks.ts';

const PAYMENT = 'Payment';

/** The names of the organization's own payment providers, oldest first (read through `db`, a transaction's when in one). */
export async function paymentProvidersOf(
  context: AppContext,
  organization: string,
  db: Trx | AppContext['db'] = context.db,
): Promise<string[]> {
  const rows = await selectRows(db, context.dialect, {
    table: 'provider',
    key: { owner: organization, category: PAYMENT },
    sort: { column: 'createdTime', direction: 'asc' },
  });
  return rows.map((row) => (codecs.provider.decode(row) as Provider).name);
}

async function checkProduct(context: AppContext, product: Product): Promise<Product> {
  checkCurrency(product.currency);
  checkPrice(product.price, 'price');
  checkQuantity(product.quantity, 'quantity');
  checkQuantity(product.sold, 'sold');
  for (const [index, option] of product.rechargeOptions.entries()) checkPrice(option, `rechargeOptions[${index}]`);
  checkUrl(product.successUrl, 'successUrl');
  // As Casdoor does: a product that names no provider is offered through every payment provider of its organization.
  if (product.providers.filter(Boolean).length === 0)
    product.providers = await paymentProvidersOf(context, product.owner);
  return product;
}

/**
 * Products an organization sells: a price in one currency, a stock (`quantity`) and a count sold,
 * and the payment providers (of the organization, or global) it may be paid through. A recharge
 * product has no fixed price: the buyer chooses the amount, which goes to their balance.
 */
export const productKind = defineKind<Product>({
  name: 'product',
  schema: Product,
  placement: 'organization',
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      tag: 'text',
      currency: 'exact',
      state: 'exact',
      isRecharge: 'flag',
    },
    sortable: ['createdTime', 'name', 'displayName', 'price', 'quantity', 'sold'],
  },
  hooks: {
    prepareAdd: (context, product) => checkProduct(context, product),
    prepareUpdate: (context, product) => checkProduct(context, product),
  },
  // Plans sell one product; orders and payments list the products they were for.
  references: [
    { table: 'plan', column: 'product', holds: 'name', within: 'owner' },
    { table: 'order', column: 'products', holds: 'name-list', within: 'owner' },
    { table: 'payment', column: 'products', holds: 'name-list', within: 'owner' },
  ],
});
