import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { type Caller, call, type OrganizationCallers, startObjectTest } from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';

/** Products, plans and pricings: Casdoor's shapes, and the values a price, a stock or a currency may take. */
let t: TestApp;
let acme: OrganizationCallers;
let root: Caller;
beforeAll(async () => {
  ({ t, root, org: acme } = await startObjectTest('acme'));
  await call(t, acme.admin, '/api/add-provider', {
    owner: 'acme',
    name: 'dummy',
    category: 'Payment',
    type: 'Dummy',
    clientSecret: 'provider-secret',
  });
  await call(t, acme.admin, '/api/add-provider', { owner: 'acme', name: 'mail', category: 'Email', type: 'SMTP' });
});
afterAll(() => t.dispose());

describe('products', () => {
  test('every field of Casdoor’s product, in its JSON casing; get-product adds its providers, secrets masked', async () => {
    const product = {
      owner: 'acme',
      name: 'mug',
      displayName: 'A mug',
      image: 'https://img.example/mug.png',
      detail: 'Ceramic',
      description: 'Holds coffee',
      tag: 'kitchen',
      currency: 'EUR',
      price: 9.99,
      quantity: 10,
      sold: 0,
      isRecharge: false,
      rechargeOptions: [],
      disableCustomRecharge: false,
      providers: ['dummy'],
      successUrl: 'https://shop.example/thanks',
      state: 'Published',
      properties: { color: 'blue' },
    };
    expect((await call(t, acme.app, '/api/add-product', product)).data).toBe('Affected');
    const stored = (await call(t, acme.app, '/api/get-product?id=acme/mug')).data;
    expect(Object.keys(stored).sort()).toEqual([...Object.keys(product), 'createdTime', 'providerObjs'].sort());
    expect(stored).toMatchObject(product);
    expect(stored.providerObjs).toHaveLength(1);
    expect(stored.providerObjs[0]).toMatchObject({ owner: 'acme', name: 'dummy', type: 'Dummy', clientSecret: '***' });
    // Lists carry the stored fields, and providerObjs null as Casdoor's lists do.
    const listed = (await call(t, acme.app, '/api/get-products?owner=acme')).data;
    expect(listed.map((each: { name: string; providerObjs: unknown }) => [each.name, each.providerObjs])).toEqual([
      ['mug', null],
    ]);
  });

  test('a product that names no provider is offered through every payment provider of its organization', async () => {
    expect((await call(t, acme.admin, '/api/add-product', { owner: 'acme', name: 'plain', price: 1 })).data).toBe(
      'Affected',
    );
    expect((await call(t, acme.admin, '/api/get-product?id=acme/plain')).data.providers).toEqual(['dummy']);
  });

  test('prices, stocks, currencies and addresses are checked on add and on update', async () => {
    const refused = async (fields: Record<string, unknown>) => {
      const added = await call(t, acme.admin, '/api/add-product', { owner: 'acme', name: 'bad', ...fields });
      const updated = await call(t, acme.admin, '/api/update-product?id=acme/plain', fields);
      expect({ fields, added: added.status, updated: updated.status }).toEqual({
        fields,
        added: 'error',
        updated: 'error',
      });
      return added.msg;
    };
    expect(await refused({ price: -1 })).toBe('The field "price" must be a number from 0 to 1000000000.');
    expect(await refused({ price: 1e12 })).toBe('The field "price" must be a number from 0 to 1000000000.');
    expect(await refused({ price: 'free' })).not.toBe('');
    expect(await refused({ quantity: -3 })).toBe('The field "quantity" must be a whole number from 0 to 1000000000.');
    expect(await refused({ quantity: 2.5 })).not.toBe('');
    expect(await refused({ sold: -1 })).toBe('The field "sold" must be a whole number from 0 to 1000000000.');
    expect(await refused({ currency: 'usd' })).toBe(
      'The currency "usd" is not valid; use a three-letter code such as USD.',
    );
    expect(await refused({ currency: 'DOLLARS' })).toBe(
      'The currency "DOLLARS" is not valid; use a three-letter code such as USD.',
    );
    expect(await refused({ rechargeOptions: [5, -5] })).toBe(
      'The field "rechargeOptions[1]" must be a number from 0 to 1000000000.',
    );
    expect(await refused({ successUrl: 'javascript:alert(1)' })).toBe(
      'The field "successUrl" must be an http:// or https:// address.',
    );
    // JSON cannot carry NaN or Infinity; their text forms are not numbers.
    for (const text of [
      '{"owner":"acme","name":"nan","price":NaN}',
      '{"owner":"acme","name":"inf","price":Infinity}',
      '{"owner":"acme","name":"big","price":1e400}',
    ]) {
      const answer = await t.request('/api/add-product', {
        headers: { ...acme.admin.headers, 'content-type': 'application/json' },
        body: text,
      });
      expect({ text, status: answer.status < 500, result: answer.json.status }).toEqual({
        text,
        status: true,
        result: 'error',
      });
    }
    expect((await call(t, acme.admin, '/api/get-product?id=acme/bad')).data).toBeNull();
    expect((await call(t, acme.admin, '/api/get-product?id=acme/plain')).data.price).toBe(1);
  });

  test('a product may name only payment providers its organization may use', async () => {
    expect(
      (await call(t, acme.admin, '/api/add-product', { owner: 'acme', name: 'ghost', providers: ['nowhere'] })).msg,
    ).toBe('"nowhere" in providers does not exist or may not be used here.');
    // A global provider (owner admin) is every organization's to use.
    await call(t, root, '/api/add-provider', {
      owner: 'admin',
      name: 'global-dummy',
      category: 'Payment',
      type: 'Dummy',
    });
    expect(
      (
        await call(t, acme.admin, '/api/add-product', {
          owner: 'acme',
          name: 'shared',
          price: 2,
          quantity: 5,
          providers: ['global-dummy'],
        })
      ).data,
    ).toBe('Affected');
    const bought = await call(t, acme.user, '/api/buy-product?id=acme/shared&providerName=global-dummy', {});
    expect(bought).toMatchObject({ msg: '', data: { provider: 'global-dummy', type: 'Dummy', state: 'Created' } });
  });

  test('a renamed provider is renamed in the products that name it', async () => {
    await call(t, acme.admin, '/api/add-provider', {
      owner: 'acme',
      name: 'old-name',
      category: 'Payment',
      type: 'Dummy',
    });
    await call(t, acme.admin, '/api/add-product', { owner: 'acme', name: 'renamed', providers: ['dummy', 'old-name'] });
    expect(
      (await call(t, acme.admin, '/api/update-provider?id=acme/old-name&columns=name', { name: 'new-name' })).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-product?id=acme/renamed')).data.providers).toEqual([
      'dummy',
      'new-name',
    ]);
  });
});

describe('plans and pricings', () => {
  test('a plan is checked like a price; its period is Monthly or Yearly', async () => {
    expect((await call(t, acme.admin, '/api/add-plan', { owner: 'acme', name: 'bad', price: -9 })).msg).toBe(
      'The field "price" must be a number from 0 to 1000000000.',
    );
    expect((await call(t, acme.admin, '/api/add-plan', { owner: 'acme', name: 'bad', period: 'Weekly' })).msg).toBe(
      'The period "Weekly" is not valid; use Monthly or Yearly.',
    );
    expect((await call(t, acme.admin, '/api/add-plan', { owner: 'acme', name: 'bad', role: 'no-such-role' })).msg).toBe(
      '"no-such-role" in role does not exist or may not be used here.',
    );
    expect((await call(t, acme.admin, '/api/get-plan?id=acme/bad')).data).toBeNull();
  });

  test('a plan that names a product sells that one; one that names none gets one made for it', async () => {
    await call(t, acme.admin, '/api/add-product', { owner: 'acme', name: 'gold-product', price: 30 });
    expect(
      (
        await call(t, acme.admin, '/api/add-plan', {
          owner: 'acme',
          name: 'gold',
          price: 30,
          period: 'Yearly',
          product: 'gold-product',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-plan?id=acme/gold')).data.product).toBe('gold-product');
    expect(
      (await call(t, acme.admin, '/api/add-plan', { owner: 'acme', name: 'silver', price: 10, period: 'Yearly' })).data,
    ).toBe('Affected');
    const made = (await call(t, acme.admin, '/api/get-plan?id=acme/silver')).data.product;
    expect(made).toMatch(/^product_[0-9a-f]{6}$/);
    // Deleting a plan deletes only a product made for it.
    await call(t, acme.admin, '/api/delete-plan?id=acme/gold', {});
    expect((await call(t, acme.admin, '/api/get-product?id=acme/gold-product')).data).not.toBeNull();
  });

  test('get-plan answers options: null, or with includeOption=true the permissions its role has', async () => {
    await call(t, acme.admin, '/api/add-role', { owner: 'acme', name: 'readers' });
    await call(t, acme.admin, '/api/add-permission', {
      owner: 'acme',
      name: 'read',
      displayName: 'Read everything',
      roles: ['acme/readers'],
      resources: ['*'],
      actions: ['read'],
    });
    await call(t, acme.admin, '/api/add-permission', {
      owner: 'acme',
      name: 'write',
      displayName: 'Write',
      roles: [],
      resources: ['*'],
      actions: ['write'],
    });
    await call(t, acme.admin, '/api/add-plan', { owner: 'acme', name: 'reading', period: 'Monthly', role: 'readers' });
    expect((await call(t, acme.admin, '/api/get-plan?id=acme/reading')).data.options).toBeNull();
    expect((await call(t, acme.admin, '/api/get-plan?id=acme/reading&includeOption=true')).data.options).toEqual([
      'Read everything',
    ]);
    const plans = (await call(t, acme.admin, '/api/get-plans?owner=acme')).data as { name: string; options: unknown }[];
    expect(plans.find((plan) => plan.name === 'reading')?.options).toBeNull();
  });

  test('a pricing offers plans of its organization, for an application of its organization', async () => {
    expect(
      (
        await call(t, acme.admin, '/api/add-pricing', {
          owner: 'acme',
          name: 'p1',
          plans: ['silver'],
          application: 'acme-app',
          trialDuration: 14,
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.admin, '/api/get-pricing?id=acme/p1')).data).toMatchObject({
      plans: ['silver'],
      application: 'acme-app',
      trialDuration: 14,
      isEnabled: false,
    });
    expect((await call(t, acme.admin, '/api/add-pricing', { owner: 'acme', name: 'p2', plans: ['gold'] })).msg).toBe(
      '"gold" in plans does not exist or may not be used here.',
    );
    expect((await call(t, acme.admin, '/api/add-pricing', { owner: 'acme', name: 'p2', trialDuration: -1 })).msg).toBe(
      'The field "trialDuration" must be a whole number from 0 to 3650.',
    );
    // Renaming the plan follows into the pricing.
    expect((await call(t, acme.admin, '/api/update-plan?id=acme/silver&columns=name', { name: 'silver-2' })).data).toBe(
      'Affected',
    );
    expect((await call(t, acme.admin, '/api/get-pricing?id=acme/p1')).data.plans).toEqual(['silver-2']);
  });
});

describe('orders and payments added by an administrator', () => {
  test('an order that names products gets their lines and price; a change of products or state is followed', async () => {
    await call(t, acme.admin, '/api/add-product', { owner: 'acme', name: 'pen', displayName: 'Pen', price: 2 });
    await call(t, acme.admin, '/api/add-product', { owner: 'acme', name: 'ink', displayName: 'Ink', price: 3.1 });
    expect(
      (
        await call(t, acme.admin, '/api/add-order', {
          owner: 'acme',
          name: 'o1',
          products: ['pen', 'ink'],
          user: 'acme-user',
          state: 'Created',
        })
      ).data,
    ).toBe('Affected');
    const order = (await call(t, acme.admin, '/api/get-order?id=acme/o1')).data;
    expect(order).toMatchObject({
      price: 5.1,
      productInfos: [
        { name: 'pen', displayName: 'Pen', price: 2 },
        { name: 'ink', displayName: 'Ink', price: 3.1 },
      ],
      updateTime: '',
    });
    await call(t, acme.admin, '/api/update-product?id=acme/pen&columns=price', { price: 4 });
    expect((await call(t, acme.admin, '/api/update-order?id=acme/o1', { products: ['pen'], state: 'Paid' })).data).toBe(
      'Affected',
    );
    const updated = (await call(t, acme.admin, '/api/get-order?id=acme/o1')).data;
    // The line kept is as it was ordered.
    expect(updated).toMatchObject({ price: 2, productInfos: [{ name: 'pen', price: 2 }], state: 'Paid' });
    expect(updated.updateTime).not.toBe('');
    expect((await call(t, acme.admin, '/api/add-order', { owner: 'acme', name: 'o2', state: 'Lost' })).msg).toBe(
      'The state "Lost" is not valid here; use one of: Created, Paid, Canceled, Failed, Timeout.',
    );
    expect(
      (await call(t, acme.admin, '/api/add-order', { owner: 'acme', name: 'o2', products: ['nothing'] })).msg,
    ).toBe('The product "nothing" does not exist.');
    expect((await call(t, acme.admin, '/api/add-order', { owner: 'acme', name: 'o2', price: -5 })).msg).toBe(
      'The field "price" must be a number from 0 to 1000000000.',
    );
  });

  test('a payment as Casdoor’s SDK writes it; invoice-payment wants a paid one', async () => {
    expect(
      (
        await call(t, acme.app, '/api/add-payment', {
          owner: 'acme',
          name: 'pay1',
          productName: 'casbin',
          provider: 'dummy',
          user: 'acme-user',
        })
      ).data,
    ).toBe('Affected');
    expect((await call(t, acme.app, '/api/invoice-payment?id=acme/pay1', {})).msg).toBe(
      'The payment "acme/pay1" is not paid.',
    );
    await call(t, acme.app, '/api/update-payment?id=acme/pay1&columns=state', { state: 'Paid' });
    expect(await call(t, acme.app, '/api/invoice-payment?id=acme/pay1', {})).toMatchObject({ status: 'ok', data: '' });
    expect((await call(t, acme.app, '/api/add-payment', { owner: 'acme', name: 'pay2', state: 'Refunded' })).msg).toBe(
      'The state "Refunded" is not valid here; use one of: Created, Paid, Canceled, Timeout, Error.',
    );
  });
});
