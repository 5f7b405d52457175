import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * What an organization sells and what its users bought: products, plans, pricings, subscriptions,
 * orders, payments and transactions. Booleans are 0/1 integers, prices double precision, and
 * arrays or objects JSON text, the same on every dialect. Each list is read by organization in
 * creation order, and orders, payments and transactions also by buyer.
 */
type Column = [name: string, type: 'text' | 'bigint' | 'double precision' | 'integer'];

const common: Column[] = [
  ['owner', 'text'],
  ['name', 'text'],
  ['createdTime', 'text'],
  ['displayName', 'text'],
];

const tables: Record<string, Column[]> = {
  product: [
    ...common,
    ['image', 'text'],
    ['detail', 'text'],
    ['description', 'text'],
    ['tag', 'text'],
    ['currency', 'text'],
    ['price', 'double precision'],
    ['quantity', 'bigint'],
    ['sold', 'bigint'],
    ['isRecharge', 'integer'],
    ['rechargeOptions', 'text'],
    ['disableCustomRecharge', 'integer'],
    ['providers', 'text'],
    ['successUrl', 'text'],
    ['state', 'text'],
    ['properties', 'text'],
  ],
  plan: [
    ...common,
    ['description', 'text'],
    ['price', 'double precision'],
    ['currency', 'text'],
    ['period', 'text'],
    ['product', 'text'],
    ['paymentProviders', 'text'],
    ['isEnabled', 'integer'],
    ['isExclusive', 'integer'],
    ['role', 'text'],
  ],
  pricing: [
    ...common,
    ['description', 'text'],
    ['plans', 'text'],
    ['isEnabled', 'integer'],
    ['trialDuration', 'bigint'],
    ['application', 'text'],
  ],
  subscription: [
    ...common,
    ['description', 'text'],
    ['user', 'text'],
    ['pricing', 'text'],
    ['plan', 'text'],
    ['payment', 'text'],
    ['startTime', 'text'],
    ['endTime', 'text'],
    ['period', 'text'],
    ['state', 'text'],
  ],
  order: [
    ...common,
    ['updateTime', 'text'],
    ['products', 'text'],
    ['productInfos', 'text'],
    ['user', 'text'],
    ['payment', 'text'],
    ['price', 'double precision'],
    ['currency', 'text'],
    ['state', 'text'],
    ['message', 'text'],
    ['couponName', 'text'],
    ['couponDiscount', 'double precision'],
  ],
  payment: [
    ...common,
    ['provider', 'text'],
    ['type', 'text'],
    ['products', 'text'],
    ['productsDisplayName', 'text'],
    ['productName', 'text'],
    ['productDisplayName', 'text'],
    ['detail', 'text'],
    ['currency', 'text'],
    ['price', 'double precision'],
    ['user', 'text'],
    ['personName', 'text'],
    ['personIdCard', 'text'],
    ['personEmail', 'text'],
    ['personPhone', 'text'],
    ['invoiceType', 'text'],
    ['invoiceTitle', 'text'],
    ['invoiceTaxId', 'text'],
    ['invoiceRemark', 'text'],
    ['invoiceUrl', 'text'],
    ['order', 'text'],
    ['outOrderId', 'text'],
    ['payUrl', 'text'],
    ['successUrl', 'text'],
    ['state', 'text'],
    ['message', 'text'],
  ],
  transaction: [
    ...common,
    ['application', 'text'],
    ['domain', 'text'],
    ['category', 'text'],
    ['type', 'text'],
    ['subtype', 'text'],
    ['provider', 'text'],
    ['user', 'text'],
    ['tag', 'text'],
    ['amount', 'double precision'],
    ['currency', 'text'],
    ['payment', 'text'],
    ['state', 'text'],
  ],
};

/** Tables whose rows name their buyer in `user`. */
const byUser = ['subscription', 'order', 'payment', 'transaction'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of Object.entries(tables)) {
    let create: CreateTableBuilder<string, string> = db.schema.createTable(table);
    for (const [name, type] of columns) {
      create = create.addColumn(name, type, (c) => c.notNull().defaultTo(type === 'text' ? '' : 0));
    }
    await create.addPrimaryKeyConstraint(`${table}_pkey`, ['owner', 'name']).execute();
    await db.schema.createIndex(`${table}_owner_created_time`).on(table).columns(['owner', 'createdTime']).execute();
    if (byUser.includes(table))
      await db.schema.createIndex(`${table}_owner_user`).on(table).columns(['owner', 'user']).execute();
  }
  await db.schema.createIndex('payment_owner_order').on('payment').columns(['owner', 'order']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of Object.keys(tables).reverse()) await db.schema.dropTable(table).execute();
}
