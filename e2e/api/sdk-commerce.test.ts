import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { SDK } from 'casdoor-nodejs-sdk';
import type { Payment } from 'casdoor-nodejs-sdk/lib/cjs/payment';
import type { Plan } from 'casdoor-nodejs-sdk/lib/cjs/plan';
import type { Pricing } from 'casdoor-nodejs-sdk/lib/cjs/pricing';
import type { Product } from 'casdoor-nodejs-sdk/lib/cjs/product';
import type { Subscription } from 'casdoor-nodejs-sdk/lib/cjs/subscription';
import { type SdkWorld, startSdkWorld } from '../support/sdk.ts';

/**
 * casdoor-nodejs-sdk's own tests of the commerce objects (test/product, payment, plan, pricing and
 * subscription.test.ts: add, find in the list, get, update, check, delete, check gone), with their
 * objects as they write them, against a real Latchkey; then a purchase through the Dummy provider
 * as an application makes it, on the routes Casdoor's other SDKs call.
 */
let world: SdkWorld;
let sdk: SDK;
beforeAll(async () => {
  world = await startSdkWorld();
  sdk = world.sdk;
  // The SDK's pricing test names the application app-admin, which its test organization has.
  const added = await world.admin('/api/add-application', {
    owner: 'admin',
    name: 'app-admin',
    organization: world.organization,
  });
  expect(added.status).toBe('ok');
});
afterAll(() => world?.dispose());

const randomName = (prefix: string) => `${prefix}_${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

interface Crud<O extends { name: string }> {
  add(object: O): Promise<{ data: Record<string, unknown> }>;
  list(): Promise<{ data: { data: O[] } }>;
  get(name: string): Promise<{ data: { data: O } }>;
  update(object: O): Promise<{ data: Record<string, unknown> }>;
  remove(object: O): Promise<{ data: Record<string, unknown> }>;
}

/** The SDK tests' steps, with their checks, for one object and one field changed. */
async function sdkTest<O extends { name: string }>(crud: Crud<O>, object: O, field: keyof O, value: string) {
  expect((await crud.add(object)).data.data).toBe('Affected');
  expect((await crud.list()).data.data.some((item) => item.name === object.name)).toBe(true);
  const retrieved = (await crud.get(object.name)).data.data;
  expect(retrieved.name).toBe(object.name);
  retrieved[field] = value as O[keyof O];
  expect((await crud.update(retrieved)).data.data).toBe('Affected');
  expect((await crud.get(object.name)).data.data[field]).toBe(value as O[keyof O]);
  expect((await crud.remove(retrieved)).data.data).toBe('Affected');
  expect((await crud.get(object.name)).data.data).toBeNull();
}

describe('casdoor-nodejs-sdk: its own commerce tests', () => {
  test('TestProduct', async () => {
    const name = randomName('product');
    const product: Product = {
      owner: 'admin',
      name,
      createdTime: new Date().toISOString(),
      displayName: name,
      image: 'https://cdn.casbin.org/img/casdoor-logo_1185x256.png',
      description: 'Casdoor Website',
      tag: 'auto_created_product_for_plan',
      quantity: 999,
      sold: 0,
      state: 'Published',
    };
    const crud = {
      add: (o: Product) => sdk.addProduct(o),
      list: () => sdk.getProducts(),
      get: (n: string) => sdk.getProduct(n),
      update: (o: Product) => sdk.updateProduct(o),
      remove: (o: Product) => sdk.deleteProduct(o),
    };
    await sdkTest(crud as unknown as Crud<Product>, product, 'description', 'Updated Casdoor Website');
  });

  test('TestPayment', async () => {
    const name = randomName('payment');
    const payment: Payment = {
      owner: 'admin',
      name,
      createdTime: new Date().toISOString(),
      displayName: name,
      productName: 'casbin',
    };
    const crud = {
      add: (o: Payment) => sdk.addPayment(o),
      list: () => sdk.getPayments(),
      get: (n: string) => sdk.getPayment(n),
      update: (o: Payment) => sdk.updatePayment(o),
      remove: (o: Payment) => sdk.deletePayment(o),
    };
    await sdkTest(crud as unknown as Crud<Payment>, payment, 'productName', 'Updated Casdoor Website');
  });

  test('TestPlan', async () => {
    const name = randomName('plan');
    const plan: Plan = {
      owner: 'admin',
      name,
      createdTime: new Date().toISOString(),
      displayName: name,
      description: 'casbin',
    };
    const crud = {
      add: (o: Plan) => sdk.addPlan(o),
      list: () => sdk.getPlans(),
      get: (n: string) => sdk.getPlan(n),
      update: (o: Plan) => sdk.updatePlan(o),
      remove: (o: Plan) => sdk.deletePlan(o),
    };
    await sdkTest(crud as unknown as Crud<Plan>, plan, 'description', 'Updated Casdoor Website');
  });

  test('TestPricing', async () => {
    const name = randomName('pricing');
    const pricing: Pricing = {
      owner: 'admin',
      name,
      createdTime: new Date().toISOString(),
      displayName: name,
      application: 'app-admin',
      description: 'Casdoor Websit',
    };
    const crud = {
      add: (o: Pricing) => sdk.addPricing(o),
      list: () => sdk.getPricings(),
      get: (n: string) => sdk.getPricing(n),
      update: (o: Pricing) => sdk.updatePricing(o),
      remove: (o: Pricing) => sdk.deletePricing(o),
    };
    await sdkTest(crud as unknown as Crud<Pricing>, pricing, 'description', 'Updated Casdoor Website');
  });

  test('TestSubscription', async () => {
    const name = randomName('subscription');
    const subscription: Subscription = {
      owner: 'admin',
      name,
      createdTime: new Date().toISOString(),
      displayName: name,
      description: 'Casdoor Website',
    };
    const crud = {
      add: (o: Subscription) => sdk.addSubscription(o),
      list: () => sdk.getSubscriptions(),
      get: (n: string) => sdk.getSubscription(n),
      update: (o: Subscription) => sdk.updateSubscription(o),
      remove: (o: Subscription) => sdk.deleteSubscription(o),
    };
    await sdkTest(crud as unknown as Crud<Subscription>, subscription, 'description', 'Updated Casdoor Website');
  });
});

describe('a purchase through the Dummy provider, as an application makes it', () => {
  /** A call with the application's client id and secret, as Casdoor's Go and Python SDKs send them. */
  const asApp = async (path: string, body: unknown = {}) => {
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(
      `${world.server.url}${path}${separator}clientId=${world.application.clientId}&clientSecret=${world.application.clientSecret}`,
      {
        method: 'POST',
        body: JSON.stringify(body),
      },
    );
    return (await response.json()) as { status: string; msg: string; data: any; data2: any };
  };

  test('buy-product, then notify-payment: the payment and order are paid, the stock and the user’s records follow', async () => {
    const org = world.organization;
    await world.admin('/api/add-user', { owner: org, name: 'buyer', password: 'buyer-password-1' });
    expect(
      (await world.admin('/api/add-provider', { owner: org, name: 'dummy', category: 'Payment', type: 'Dummy' }))
        .status,
    ).toBe('ok');
    expect(
      (
        await sdk.addProduct({
          owner: org,
          name: 'e-book',
          displayName: 'E-book',
          image: '',
          description: 'PDF',
          tag: '',
          currency: 'USD',
          price: 4.5,
          quantity: 10,
          sold: 0,
          providers: ['dummy'],
        } as Product)
      ).data.data,
    ).toBe('Affected');

    const bought = await asApp(`/api/buy-product?id=${org}/e-book&providerName=dummy&userName=buyer`);
    expect(bought).toMatchObject({
      status: 'ok',
      msg: '',
      data: { state: 'Created', price: 4.5, currency: 'USD', user: 'buyer', type: 'Dummy' },
      data2: null,
    });
    expect(bought.data.payUrl).toBe(`${world.server.url}/payments/${org}/${bought.data.name}/result`);

    const notified = await asApp(`/api/notify-payment/${org}/${bought.data.name}`);
    expect(notified).toMatchObject({ status: 'ok', data: { state: 'Paid' } });
    const payment = (await sdk.getPayment(bought.data.name)).data.data;
    expect(payment.state).toBe('Paid');
    expect((await sdk.getProduct('e-book')).data.data).toMatchObject({ quantity: 9, sold: 1 });
    const orders = await fetch(
      `${world.server.url}/api/get-user-orders?owner=${org}&user=buyer&clientId=${world.application.clientId}&clientSecret=${world.application.clientSecret}`,
    );
    expect(((await orders.json()) as { data: { state: string }[] }).data.map((order) => order.state)).toEqual(['Paid']);

    // Stripe is refused by name, and leaves no order behind.
    await world.admin('/api/add-provider', { owner: org, name: 'stripe', category: 'Payment', type: 'Stripe' });
    await sdk.updateProduct({ ...(await sdk.getProduct('e-book')).data.data, providers: ['dummy', 'stripe'] });
    expect((await asApp(`/api/buy-product?id=${org}/e-book&providerName=stripe&userName=buyer`)).msg).toBe(
      'Payments through "Stripe" providers are not supported; use a provider of type Dummy or Balance.',
    );
  });

  test('place-order and pay-order, as Casdoor’s Go SDK calls them', async () => {
    const org = world.organization;
    const placed = await asApp(`/api/place-order?owner=${org}&userName=buyer`, {
      productInfos: [{ name: 'e-book', quantity: 2 }],
    });
    expect(placed.data).toMatchObject({ state: 'Created', price: 9, user: 'buyer' });
    const paid = await asApp(`/api/pay-order?id=${org}/${placed.data.name}&providerName=dummy`);
    expect(paid.data).toMatchObject({ order: placed.data.name, price: 9, state: 'Created' });
  });
});
