import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

/**
 * The Dummy payment flow as Casdoor runs it: buy-product makes an order and a payment in state
 * Created whose payUrl is the return page; notify-payment makes them Paid, records the purchase,
 * takes the unit from the stock (and recharges the balance, and activates a plan's subscription).
 */
let t: TestApp;
let acme: OrganizationCallers;

const get = async (caller: Caller, path: string) => (await call(t, caller, path)).data;
/** The flow's routes are POSTs without a body, as Casdoor's clients send them. */
const post = (caller: Caller, path: string) => call(t, caller, path, {});

beforeAll(async () => {
  ({ t, org: acme } = await startObjectTest('acme'));
  const ok = async (path: string, body: unknown) =>
    expect(await call(t, acme.admin, path, body)).toMatchObject({ status: 'ok', msg: '' });
  await ok('/api/add-provider', { owner: 'acme', name: 'dummy', category: 'Payment', type: 'Dummy' });
  await ok('/api/add-provider', { owner: 'acme', name: 'stripe', category: 'Payment', type: 'Stripe' });
  await ok('/api/add-product', {
    owner: 'acme',
    name: 'book',
    displayName: 'A book',
    description: 'Paper',
    currency: 'USD',
    price: 12.5,
    quantity: 100,
    providers: ['dummy', 'stripe'],
  });
});
afterAll(() => t.dispose());

describe('buy-product with the Dummy provider', () => {
  test('answers a payment in state Created whose payUrl is the result page, and an order that names it', async () => {
    const answer = await post(acme.user, '/api/buy-product?id=acme/book&providerName=dummy');
    expect(answer).toMatchObject({ status: 'ok', msg: '', data2: null });
    const payment = answer.data;
    expect(payment).toMatchObject({
      owner: 'acme',
      provider: 'dummy',
      type: 'Dummy',
      products: ['book'],
      productsDisplayName: 'A book',
      detail: 'Paper',
      currency: 'USD',
      price: 12.5,
      user: 'acme-user',
      state: 'Created',
      outOrderId: JSON.stringify({ price: 12.5, currency: 'USD', productDisplayName: '' }),
    });
    expect(payment.name).toMatch(/^payment_\d{8}_\d{6}_[0-9a-f]{7}$/);
    expect(payment.payUrl).toBe(`${t.context.config.origin}/payments/acme/${payment.name}/result`);
    expect(payment.successUrl).toBe(payment.payUrl);
    const order = await get(acme.admin, `/api/get-order?id=acme/${payment.order}`);
    expect(order).toMatchObject({
      owner: 'acme',
      user: 'acme-user',
      payment: payment.name,
      price: 12.5,
      currency: 'USD',
      state: 'Created',
      products: ['book'],
    });
    // As Casdoor writes a line: empty optional fields left out.
    expect(order.productInfos).toEqual([
      { owner: 'acme', name: 'book', displayName: 'A book', price: 12.5, currency: 'USD', quantity: 1 },
    ]);
    // Nothing is sold until the payment is confirmed.
    expect(await get(acme.admin, '/api/get-product?id=acme/book')).toMatchObject({ quantity: 100, sold: 0 });
  });

  test('notify-payment makes the payment and the order Paid, records the purchase and takes the unit from the stock; a second notice changes nothing', async () => {
    const payment = (await post(acme.user, '/api/buy-product?id=acme/book&providerName=dummy')).data;
    const notified = await post(acme.user, `/api/notify-payment/acme/${payment.name}`);
    expect(notified).toMatchObject({ status: 'ok', data: { name: payment.name, state: 'Paid', message: '' } });
    expect(await get(acme.admin, `/api/get-order?id=acme/${payment.order}`)).toMatchObject({
      state: 'Paid',
      message: 'Payment successful',
    });
    expect((await get(acme.admin, `/api/get-order?id=acme/${payment.order}`)).updateTime).not.toBe('');
    const transactions = (await get(
      acme.admin,
      `/api/get-transactions?owner=acme&field=payment&value=${payment.name}`,
    )) as Record<string, unknown>[];
    expect(transactions).toHaveLength(1);
    expect(transactions[0]).toMatchObject({
      category: 'Purchase',
      amount: -12.5,
      currency: 'USD',
      type: 'Payment',
      subtype: 'Dummy',
      provider: 'dummy',
      tag: 'User',
      user: 'acme-user',
      state: 'Paid',
    });
    const product = await get(acme.admin, '/api/get-product?id=acme/book');
    expect({ quantity: product.quantity, sold: product.sold }).toEqual({ quantity: 99, sold: 1 });
    // The purchase was paid outside: the buyer's balance does not move.
    expect((await get(acme.admin, '/api/get-user?id=acme/acme-user')).balance).toBe(0);
    expect((await post(acme.user, `/api/notify-payment/acme/${payment.name}`)).data.state).toBe('Paid');
    expect(await get(acme.admin, '/api/get-product?id=acme/book')).toMatchObject({ quantity: 99, sold: 1 });
  });

  test('the buyer reads their own order and payment; another user of the organization does not', async () => {
    const payment = (await post(acme.user, '/api/buy-product?id=acme/book&providerName=dummy')).data;
    expect((await call(t, acme.user, `/api/get-payment?id=acme/${payment.name}`)).data.name).toBe(payment.name);
    expect((await call(t, acme.user, `/api/get-order?id=acme/${payment.order}`)).data.name).toBe(payment.order);
    const orders = (await call(t, acme.user, '/api/get-user-orders?owner=acme&user=acme-user')).data as {
      name: string;
    }[];
    expect(orders.map((order) => order.name)).toContain(payment.order);
    const payments = (await call(t, acme.user, '/api/get-user-payments?owner=acme&user=acme-user')).data as {
      name: string;
      orderObj?: { name: string };
    }[];
    expect(payments.find((each) => each.name === payment.name)?.orderObj?.name).toBe(payment.order);
    // Lists show each payment's order, as Casdoor's do; one without an order has none.
    await call(t, acme.admin, '/api/add-payment', { owner: 'acme', name: 'loose' });
    const listed = (await call(t, acme.admin, '/api/get-payments?owner=acme')).data as {
      name: string;
      orderObj?: { name: string };
    }[];
    expect(listed.find((each) => each.name === payment.name)?.orderObj?.name).toBe(payment.order);
    expect(Object.hasOwn(listed.find((each) => each.name === 'loose')!, 'orderObj')).toBe(false);
    // The administrator's own purchases are theirs; the user cannot read them, nor list them.
    const admins = (await post(acme.admin, '/api/buy-product?id=acme/book&providerName=dummy')).data;
    expect(admins.user).toBe('acme-admin');
    expect(await call(t, acme.user, `/api/get-payment?id=acme/${admins.name}`)).toMatchObject({
      status: 'error',
      data: null,
    });
    expect((await call(t, acme.user, '/api/get-user-orders?owner=acme&user=acme-admin')).status).toBe('error');
    expect((await post(acme.user, `/api/notify-payment/acme/${admins.name}`)).status).toBe('error');
    expect((await post(acme.user, `/api/cancel-order?id=acme/${admins.order}`)).status).toBe('error');
    expect((await get(acme.admin, `/api/get-payment?id=acme/${admins.name}`)).state).toBe('Created');
  });

  test('an application buys on behalf of a user it names; without userName it is told to name one', async () => {
    expect((await post(acme.app, '/api/buy-product?id=acme/book&providerName=dummy')).msg).toBe(
      'Name the buyer with userName: an application buys on behalf of a user.',
    );
    const payment = (await post(acme.app, '/api/buy-product?id=acme/book&providerName=dummy&userName=acme-user')).data;
    expect(payment.user).toBe('acme-user');
    expect((await post(acme.app, '/api/buy-product?id=acme/book&providerName=dummy&userName=nobody')).msg).toBe(
      'The user "acme/nobody" does not exist.',
    );
    // A user names only themselves.
    expect((await post(acme.user, '/api/buy-product?id=acme/book&providerName=dummy&userName=acme-admin')).msg).toBe(
      'You are not allowed to do this.',
    );
  });

  test('other payment providers, providers the product does not offer and coupons are refused, and leave no order behind', async () => {
    const orders = async () => ((await get(acme.admin, '/api/get-orders?owner=acme')) as unknown[]).length;
    const before = await orders();
    expect((await post(acme.user, '/api/buy-product?id=acme/book&providerName=stripe')).msg).toBe(
      'Payments through "Stripe" providers are not supported; use a provider of type Dummy or Balance.',
    );
    expect((await post(acme.user, '/api/buy-product?id=acme/book&providerName=other')).msg).toBe(
      'The payment provider "other" is not offered for the product "book".',
    );
    expect((await post(acme.user, '/api/buy-product?id=acme/book')).msg).toBe(
      'The payment provider "" is not offered for the product "book".',
    );
    expect((await post(acme.user, '/api/buy-product?id=acme/book&providerName=dummy&couponCode=SAVE10')).msg).toBe(
      'Coupons are not supported.',
    );
    expect((await post(acme.user, '/api/buy-product?id=acme/nothing&providerName=dummy')).msg).toBe(
      'The product "nothing" does not exist.',
    );
    expect(await orders()).toBe(before);
  });

  test('an order is refused when the stock is out, and a notice that finds the stock gone leaves the payment unpaid', async () => {
    await call(t, acme.admin, '/api/add-product', {
      owner: 'acme',
      name: 'last-one',
      currency: 'USD',
      price: 1,
      quantity: 1,
      providers: ['dummy'],
    });
    const first = (await post(acme.user, '/api/buy-product?id=acme/last-one&providerName=dummy')).data;
    const second = (await post(acme.user, '/api/buy-product?id=acme/last-one&providerName=dummy')).data;
    expect((await post(acme.user, `/api/notify-payment/acme/${first.name}`)).data.state).toBe('Paid');
    expect((await post(acme.user, `/api/notify-payment/acme/${second.name}`)).msg).toBe(
      'There are not enough units of "last-one" in stock.',
    );
    expect((await get(acme.admin, `/api/get-payment?id=acme/${second.name}`)).state).toBe('Created');
    expect((await post(acme.user, '/api/buy-product?id=acme/last-one&providerName=dummy')).msg).toBe(
      'There are not enough units of "last-one" in stock.',
    );
    expect(await get(acme.admin, '/api/get-product?id=acme/last-one')).toMatchObject({ quantity: 0, sold: 1 });
  });

  test('a payment whose price was changed after it was made goes to Error, and its order to Failed', async () => {
    const payment = (await post(acme.user, '/api/buy-product?id=acme/book&providerName=dummy')).data;
    expect((await call(t, acme.admin, `/api/update-payment?id=acme/${payment.name}`, { price: 0.01 })).data).toBe(
      'Affected',
    );
    const notified = (await post(acme.user, `/api/notify-payment/acme/${payment.name}`)).data;
    expect(notified.state).toBe('Error');
    expect(notified.message).toContain("doesn't equal to the expected price");
    expect((await get(acme.admin, `/api/get-order?id=acme/${payment.order}`)).state).toBe('Failed');
  });
});

describe('the Balance provider', () => {
  beforeAll(async () => {
    await call(t, acme.admin, '/api/add-provider', {
      owner: 'acme',
      name: 'wallet',
      category: 'Payment',
      type: 'Balance',
    });
    await call(t, acme.admin, '/api/add-user', { owner: 'acme', name: 'spender' });
    await call(t, acme.admin, '/api/add-product', {
      owner: 'acme',
      name: 'lamp',
      currency: 'USD',
      price: 30,
      quantity: 5,
      providers: ['wallet'],
    });
  });
  const balanceOf = async (name: string) => (await get(acme.admin, `/api/get-user?id=acme/${name}`)).balance as number;

  test('pays at once from the buyer’s balance: the payment and order are Paid, the purchase debits the balance, the stock follows', async () => {
    await call(t, acme.admin, '/api/add-transaction', {
      owner: 'acme',
      tag: 'User',
      user: 'spender',
      category: 'Recharge',
      amount: 50,
    });
    const payment = (await post(acme.app, '/api/buy-product?id=acme/lamp&providerName=wallet&userName=spender')).data;
    expect(payment).toMatchObject({ state: 'Paid', type: 'Balance', price: 30, outOrderId: `acme/${payment.name}` });
    expect(await get(acme.admin, `/api/get-order?id=acme/${payment.order}`)).toMatchObject({
      state: 'Paid',
      payment: payment.name,
    });
    expect(await balanceOf('spender')).toBe(20);
    expect(await get(acme.admin, '/api/get-product?id=acme/lamp')).toMatchObject({ quantity: 4, sold: 1 });
    // Nothing is left to confirm.
    expect((await post(acme.app, `/api/notify-payment/acme/${payment.name}`)).data.state).toBe('Paid');
    expect(await balanceOf('spender')).toBe(20);
  });

  test('a purchase the balance cannot pay is refused, and nothing is written', async () => {
    const orders = async () =>
      ((await get(acme.admin, '/api/get-orders?owner=acme&field=user&value=spender')) as unknown[]).length;
    const before = await orders();
    expect((await post(acme.app, '/api/buy-product?id=acme/lamp&providerName=wallet&userName=spender')).msg).toBe(
      'The balance of "acme/spender" would fall below zero.',
    );
    expect(await orders()).toBe(before);
    expect(await balanceOf('spender')).toBe(20);
    expect(await get(acme.admin, '/api/get-product?id=acme/lamp')).toMatchObject({ quantity: 4, sold: 1 });
  });
});

describe('recharges', () => {
  beforeAll(async () => {
    await call(t, acme.admin, '/api/add-product', {
      owner: 'acme',
      name: 'credit',
      currency: 'USD',
      isRecharge: true,
      rechargeOptions: [5, 10],
      providers: ['dummy'],
    });
    await call(t, acme.admin, '/api/add-product', {
      owner: 'acme',
      name: 'fixed-credit',
      currency: 'USD',
      isRecharge: true,
      rechargeOptions: [5, 10],
      disableCustomRecharge: true,
      providers: ['dummy'],
    });
  });

  test('the buyer chooses the amount; once paid it is added to their balance by a Recharge transaction', async () => {
    const before = (await get(acme.admin, '/api/get-user?id=acme/acme-user')).balance;
    const payment = (await post(acme.user, '/api/buy-product?id=acme/credit&providerName=dummy&customPrice=7.25')).data;
    expect(payment.price).toBe(7.25);
    await post(acme.user, `/api/notify-payment/acme/${payment.name}`);
    expect((await get(acme.admin, '/api/get-user?id=acme/acme-user')).balance).toBe(before + 7.25);
    const transactions = (await get(
      acme.admin,
      `/api/get-transactions?owner=acme&field=payment&value=${payment.name}`,
    )) as { category: string; amount: number }[];
    expect(transactions.map((each) => `${each.category} ${each.amount}`).sort()).toEqual([
      'Purchase -7.25',
      'Recharge 7.25',
    ]);
  });

  test('the amount must be a positive number within bounds, and one of the options when only those are offered', async () => {
    for (const customPrice of ['', '0', '-5', 'abc', 'NaN', 'Infinity', '1e30']) {
      const answer = await post(
        acme.user,
        `/api/buy-product?id=acme/credit&providerName=dummy&customPrice=${encodeURIComponent(customPrice)}`,
      );
      expect({ customPrice, status: answer.status }).toEqual({ customPrice, status: 'error' });
    }
    expect((await post(acme.user, '/api/buy-product?id=acme/fixed-credit&providerName=dummy&customPrice=7')).msg).toBe(
      'The amount 7 is not one of the recharge options of "fixed-credit".',
    );
    expect(
      (await post(acme.user, '/api/buy-product?id=acme/fixed-credit&providerName=dummy&customPrice=10')).data.price,
    ).toBe(10);
  });
});

describe('plans', () => {
  beforeAll(async () => {
    await call(t, acme.admin, '/api/add-role', { owner: 'acme', name: 'pro-users' });
    expect(
      (
        await call(t, acme.admin, '/api/add-plan', {
          owner: 'acme',
          name: 'pro',
          currency: 'USD',
          price: 9,
          period: 'Monthly',
          paymentProviders: ['dummy'],
          role: 'pro-users',
          isExclusive: true,
        })
      ).data,
    ).toBe('Affected');
    expect(
      (
        await call(t, acme.admin, '/api/add-pricing', {
          owner: 'acme',
          name: 'standard',
          plans: ['pro'],
          isEnabled: true,
        })
      ).data,
    ).toBe('Affected');
  });

  test('buying a plan’s product through a pricing starts a Pending subscription that its payment activates; the plan is exclusive', async () => {
    const plan = await get(acme.admin, '/api/get-plan?id=acme/pro');
    const product = await get(acme.admin, `/api/get-product?id=acme/${plan.product}`);
    expect(product).toMatchObject({
      tag: 'auto_created_product_for_plan',
      price: 9,
      currency: 'USD',
      providers: ['dummy'],
      displayName: 'Product for Plan pro//Monthly',
    });
    const payment = (
      await post(
        acme.user,
        `/api/buy-product?id=acme/${plan.product}&providerName=dummy&pricingName=standard&planName=pro`,
      )
    ).data;
    const [subscription] = (await get(
      acme.admin,
      `/api/get-subscriptions?owner=acme&field=payment&value=${payment.name}`,
    )) as Record<string, string>[];
    expect(subscription).toMatchObject({
      user: 'acme-user',
      plan: 'pro',
      pricing: 'standard',
      period: 'Monthly',
      state: 'Pending',
    });
    expect(payment.payUrl).toBe(
      `${t.context.config.origin}/buy-plan/acme/standard/result?subscription=${subscription!.name}`,
    );
    const start = Date.parse(subscription!.startTime!);
    const end = new Date(start);
    end.setUTCMonth(end.getUTCMonth() + 1);
    expect(Date.parse(subscription!.endTime!)).toBe(end.getTime());
    // The subscriber reads their subscription; it becomes Active once paid.
    expect((await call(t, acme.user, `/api/get-subscription?id=acme/${subscription!.name}`)).data.state).toBe(
      'Pending',
    );
    await post(acme.user, `/api/notify-payment/acme/${payment.name}`);
    expect((await call(t, acme.user, `/api/get-subscription?id=acme/${subscription!.name}`)).data.state).toBe('Active');
    expect(
      (
        await post(
          acme.user,
          `/api/buy-product?id=acme/${plan.product}&providerName=dummy&pricingName=standard&planName=pro`,
        )
      ).msg,
    ).toBe('The user "acme-user" already has a subscription to the plan "pro".');
    // Past its end it shows as Expired, before its start as Upcoming.
    const id = `acme/${subscription!.name}`;
    expect(
      (
        await call(t, acme.admin, `/api/update-subscription?id=${id}&columns=startTime,endTime`, {
          startTime: '2020-01-01T00:00:00Z',
          endTime: '2020-02-01T00:00:00Z',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.user, `/api/get-subscription?id=${id}`)).data.state).toBe('Expired');
    expect(
      (
        await call(t, acme.admin, `/api/update-subscription?id=${id}&columns=startTime,endTime`, {
          startTime: '2999-01-01T00:00:00Z',
          endTime: '2999-02-01T00:00:00Z',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.user, `/api/get-subscription?id=${id}`)).data.state).toBe('Upcoming');
    // A time without a zone, as Casdoor's Python SDK sends them, is UTC.
    expect(
      (
        await call(t, acme.admin, `/api/update-subscription?id=${id}&columns=startTime,endTime`, {
          startTime: '2020-01-01T00:00:00.661093',
          endTime: '2020-02-01T00:00:00.661095',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.user, `/api/get-subscription?id=${id}`)).data).toMatchObject({
      startTime: '2020-01-01T00:00:00.661093',
      state: 'Expired',
    });
    expect(
      (await call(t, acme.admin, `/api/update-subscription?id=${id}&columns=endTime`, { endTime: 'next week' })).msg,
    ).toBe('The field "endTime" must be a time such as 2030-01-31T12:00:00Z.');
  });

  test('the plan must be one the pricing offers', async () => {
    const plan = await get(acme.admin, '/api/get-plan?id=acme/pro');
    expect(
      (
        await post(
          acme.admin,
          `/api/buy-product?id=acme/${plan.product}&providerName=dummy&pricingName=standard&planName=other`,
        )
      ).msg,
    ).toBe('The pricing "standard" does not offer the plan "other".');
    expect(
      (
        await post(
          acme.admin,
          `/api/buy-product?id=acme/${plan.product}&providerName=dummy&pricingName=none&planName=pro`,
        )
      ).msg,
    ).toBe('The pricing "none" does not exist.');
  });

  test('updating the plan keeps its product in step; deleting it deletes the product made for it', async () => {
    const plan = await get(acme.admin, '/api/get-plan?id=acme/pro');
    expect(
      (await call(t, acme.admin, '/api/update-plan?id=acme/pro', { ...plan, price: 19, displayName: 'Pro' })).data,
    ).toBe('Affected');
    expect(await get(acme.admin, `/api/get-product?id=acme/${plan.product}`)).toMatchObject({
      price: 19,
      displayName: 'Product for Plan pro/Pro/Monthly',
    });
    expect((await call(t, acme.admin, '/api/delete-plan?id=acme/pro', plan)).data).toBe('Affected');
    expect(await get(acme.admin, `/api/get-product?id=acme/${plan.product}`)).toBeNull();
  });
});

describe('the order flow', () => {
  test('place-order, then pay-order; cancel-order only while it is unpaid', async () => {
    const placed = await call(t, acme.user, '/api/place-order?owner=acme', {
      productInfos: [{ name: 'book', quantity: 2 }],
    });
    expect(placed.data).toMatchObject({
      owner: 'acme',
      user: 'acme-user',
      state: 'Created',
      price: 25,
      currency: 'USD',
      payment: '',
      products: ['book'],
    });
    const order = placed.data;
    const paid = await post(acme.user, `/api/pay-order?id=acme/${order.name}&providerName=dummy`);
    expect(paid.data).toMatchObject({ order: order.name, price: 25, state: 'Created' });
    expect((await post(acme.user, `/api/notify-payment/acme/${paid.data.name}`)).data.state).toBe('Paid');
    expect((await post(acme.user, `/api/cancel-order?id=acme/${order.name}`)).msg).toBe(
      `The order "acme/${order.name}" cannot be canceled: its state is Paid.`,
    );
    expect((await post(acme.user, `/api/pay-order?id=acme/${order.name}&providerName=dummy`)).msg).toBe(
      `The order "acme/${order.name}" cannot be paid: its state is Paid.`,
    );

    const other = (await call(t, acme.user, '/api/place-order?owner=acme', { productInfos: [{ name: 'book' }] })).data;
    expect(await post(acme.user, `/api/cancel-order?id=acme/${other.name}`)).toMatchObject({
      status: 'ok',
      data: 'Affected',
    });
    expect(await get(acme.admin, `/api/get-order?id=acme/${other.name}`)).toMatchObject({
      state: 'Canceled',
      message: 'Canceled by user',
    });
  });

  test('quantities are whole numbers from 1 to 10000, at most the stock; orders have products, of one currency', async () => {
    await call(t, acme.admin, '/api/add-product', {
      owner: 'acme',
      name: 'euro-thing',
      currency: 'EUR',
      price: 1,
      quantity: 5,
      providers: ['dummy'],
    });
    const refused = async (body: unknown) => (await call(t, acme.user, '/api/place-order?owner=acme', body)).msg;
    expect(await refused({ productInfos: [{ name: 'book', quantity: 0 }] })).toBe(
      'The field "productInfos[0].quantity" must be a whole number from 1 to 10000.',
    );
    expect(await refused({ productInfos: [{ name: 'book', quantity: -1 }] })).toBe(
      'The field "productInfos[0].quantity" must be a whole number from 1 to 10000.',
    );
    expect(await refused({ productInfos: [{ name: 'book', quantity: 1.5 }] })).not.toBe('');
    expect(await refused({ productInfos: [{ name: 'book', quantity: 10001 }] })).toBe(
      'The field "productInfos[0].quantity" must be a whole number from 1 to 10000.',
    );
    expect(await refused({ productInfos: [{ name: 'book', quantity: 999 }] })).toBe(
      'There are not enough units of "book" in stock.',
    );
    expect(await refused({ productInfos: [] })).toBe('An order needs at least one product.');
    expect(await refused({})).toBe('An order needs at least one product.');
    expect(await refused({ productInfos: [{ name: 'book' }, { name: 'euro-thing' }] })).toBe(
      'All products of an order must have one currency: "euro-thing" is in EUR, not USD.',
    );
    expect(await refused({ productInfos: [{ name: 'book' }], couponCode: 'X' })).toBe('Coupons are not supported.');
    // A listed price is the product's: the buyer cannot set it.
    expect(
      (await call(t, acme.user, '/api/place-order?owner=acme', { productInfos: [{ name: 'book', price: 0.01 }] })).data
        .price,
    ).toBe(12.5);
  });
});
