import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { countStoredRows, storedRows } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import {
  type Caller,
  call,
  globalAdmin,
  type OrganizationCallers,
  organizationWithCallers,
} from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';

/**
 * The tenant boundary of the commerce objects: acme's administrator, application and users are
 * powerful in acme and nobody in globex. Each attack is refused, and globex's commerce rows, users
 * and balances are exactly as they were; each has a positive control inside acme.
 */
let t: TestApp;
let acme: OrganizationCallers;
let globex: OrganizationCallers;
let globexPayment: { name: string; order: string };

const NOT_ALLOWED = translate('en', 'general.unauthorized_operation');
const outOfReach = (value: string, field: string) => translate('en', 'object.reference_out_of_reach', { value, field });
const post = (caller: Caller, path: string, body: unknown = {}) => call(t, caller, path, body);

const TABLES = ['product', 'plan', 'pricing', 'subscription', 'order', 'payment', 'transaction', 'user'] as const;
async function globexRows() {
  const rows = await Promise.all(TABLES.map((table) => storedRows(t.context.db, table, { owner: 'globex' }, ['name'])));
  return Object.fromEntries(TABLES.map((table, index) => [table, rows[index]]));
}

beforeAll(async () => {
  t = await createTestApp();
  const root = await globalAdmin(t);
  acme = await organizationWithCallers(t, 'acme');
  globex = await organizationWithCallers(t, 'globex');
  for (const [org, callers] of [
    ['acme', acme],
    ['globex', globex],
  ] as const) {
    const ok = async (path: string, body: unknown) =>
      expect(await post(callers.admin, path, body)).toMatchObject({ status: 'ok', msg: '' });
    await ok('/api/add-provider', { owner: org, name: `${org}-dummy`, category: 'Payment', type: 'Dummy' });
    await ok('/api/add-role', { owner: org, name: `${org}-role` });
    // Both sell a "widget": names alone never cross organizations.
    await ok('/api/add-product', {
      owner: org,
      name: 'widget',
      currency: 'USD',
      price: 5,
      quantity: 10,
      providers: [`${org}-dummy`],
    });
    await ok('/api/add-plan', {
      owner: org,
      name: `${org}-plan`,
      currency: 'USD',
      price: 3,
      period: 'Monthly',
      role: `${org}-role`,
    });
    await ok('/api/add-pricing', {
      owner: org,
      name: `${org}-pricing`,
      plans: [`${org}-plan`],
      application: `${org}-app`,
    });
    await ok('/api/add-transaction', {
      owner: org,
      name: `${org}-gift`,
      tag: 'User',
      user: `${org}-user`,
      category: 'Recharge',
      amount: 50,
    });
  }
  globexPayment = (await post(globex.user, '/api/buy-product?id=globex/widget&providerName=globex-dummy')).data;
  expect(globexPayment.name).toBeString();
  await post(root, '/api/add-provider', { owner: 'admin', name: 'global-dummy', category: 'Payment', type: 'Dummy' });
});
afterAll(() => t.dispose());

interface Attack {
  name: string;
  /** The request from acme's side, aimed at globex. */
  attack: () => Promise<{ status: string; msg: string }>;
  /** What it answers: not allowed, or a message of its own. */
  message?: string;
  /** The same request aimed at acme's own objects, which succeeds. */
  control: () => Promise<{ status: string; msg: string }>;
}

const attacks: Attack[] = [
  {
    name: 'an administrator buys globex’s product',
    attack: () => post(acme.admin, '/api/buy-product?id=globex/widget&providerName=globex-dummy'),
    control: () => post(acme.admin, '/api/buy-product?id=acme/widget&providerName=acme-dummy'),
  },
  {
    name: 'an application buys globex’s product for a globex user',
    attack: () => post(acme.app, '/api/buy-product?id=globex/widget&providerName=globex-dummy&userName=globex-user'),
    control: () => post(acme.app, '/api/buy-product?id=acme/widget&providerName=acme-dummy&userName=acme-user'),
  },
  {
    name: 'a user buys globex’s product',
    attack: () => post(acme.user, '/api/buy-product?id=globex/widget&providerName=globex-dummy'),
    control: () => post(acme.user, '/api/buy-product?id=acme/widget&providerName=acme-dummy'),
  },
  {
    name: 'an administrator places an order in globex',
    attack: () =>
      post(acme.admin, '/api/place-order?owner=globex&userName=globex-user', { productInfos: [{ name: 'widget' }] }),
    control: () =>
      post(acme.admin, '/api/place-order?owner=acme&userName=acme-user', { productInfos: [{ name: 'widget' }] }),
  },
  {
    name: 'an application pays globex’s order',
    attack: () => post(acme.app, `/api/pay-order?id=globex/${globexPayment.order}&providerName=globex-dummy`),
    control: async () => {
      const order = (
        await post(acme.app, '/api/place-order?owner=acme&userName=acme-user', { productInfos: [{ name: 'widget' }] })
      ).data;
      return post(acme.app, `/api/pay-order?id=acme/${order.name}&providerName=acme-dummy`);
    },
  },
  {
    name: 'an administrator cancels globex’s order',
    attack: () => post(acme.admin, `/api/cancel-order?id=globex/${globexPayment.order}`),
    control: async () => {
      const order = (
        await post(acme.admin, '/api/place-order?owner=acme&userName=acme-user', { productInfos: [{ name: 'widget' }] })
      ).data;
      return post(acme.admin, `/api/cancel-order?id=acme/${order.name}`);
    },
  },
  {
    name: 'an application confirms globex’s payment',
    attack: () => post(acme.app, `/api/notify-payment/globex/${globexPayment.name}`),
    control: async () =>
      post(
        acme.app,
        `/api/notify-payment/acme/${(await post(acme.user, '/api/buy-product?id=acme/widget&providerName=acme-dummy')).data.name}`,
      ),
  },
  {
    name: 'a user confirms globex’s payment',
    attack: () => post(acme.user, `/api/notify-payment/globex/${globexPayment.name}`),
    control: async () =>
      post(
        acme.user,
        `/api/notify-payment/acme/${(await post(acme.user, '/api/buy-product?id=acme/widget&providerName=acme-dummy')).data.name}`,
      ),
  },
  {
    name: 'an administrator asks for globex’s invoice',
    attack: () => post(acme.admin, `/api/invoice-payment?id=globex/${globexPayment.name}`),
    control: async () => {
      const payment = (await post(acme.user, '/api/buy-product?id=acme/widget&providerName=acme-dummy')).data;
      await post(acme.user, `/api/notify-payment/acme/${payment.name}`);
      return post(acme.admin, `/api/invoice-payment?id=acme/${payment.name}`);
    },
  },
  {
    name: 'an administrator lists a globex user’s orders and payments',
    attack: async () => {
      const orders = await call(t, acme.admin, '/api/get-user-orders?owner=globex&user=globex-user');
      return orders.status === 'error'
        ? call(t, acme.admin, '/api/get-user-payments?owner=globex&user=globex-user')
        : orders;
    },
    control: () => call(t, acme.admin, '/api/get-user-payments?owner=acme&user=acme-user'),
  },
  {
    name: 'an administrator reads globex’s payment, order and products',
    attack: async () => {
      for (const path of [
        `/api/get-payment?id=globex/${globexPayment.name}`,
        `/api/get-order?id=globex/${globexPayment.order}`,
        '/api/get-products?owner=globex',
        '/api/get-product?id=globex/widget',
      ]) {
        const answer = await call(t, acme.admin, path);
        if (answer.status !== 'error') return answer;
      }
      return { status: 'error', msg: NOT_ALLOWED };
    },
    control: () => call(t, acme.admin, '/api/get-product?id=acme/widget'),
  },
  {
    name: 'a product of acme names globex’s payment provider',
    attack: () => post(acme.admin, '/api/add-product', { owner: 'acme', name: 'stolen', providers: ['globex-dummy'] }),
    message: outOfReach('globex-dummy', 'providers'),
    control: () =>
      post(acme.admin, '/api/add-product', { owner: 'acme', name: 'own', providers: ['acme-dummy', 'global-dummy'] }),
  },
  {
    name: 'a plan of acme names globex’s role and provider',
    attack: async () => {
      const role = await post(acme.admin, '/api/add-plan', { owner: 'acme', name: 'p-role', role: 'globex-role' });
      return role.status === 'error'
        ? post(acme.admin, '/api/add-plan', { owner: 'acme', name: 'p-provider', paymentProviders: ['globex-dummy'] })
        : role;
    },
    message: outOfReach('globex-dummy', 'paymentProviders'),
    control: () =>
      post(acme.admin, '/api/add-plan', {
        owner: 'acme',
        name: 'p-own',
        role: 'acme-role',
        paymentProviders: ['acme-dummy'],
      }),
  },
  {
    name: 'a pricing of acme offers globex’s plan, for globex’s application',
    attack: async () => {
      const plans = await post(acme.admin, '/api/add-pricing', {
        owner: 'acme',
        name: 'x-plans',
        plans: ['globex-plan'],
      });
      return plans.status === 'error'
        ? post(acme.admin, '/api/add-pricing', { owner: 'acme', name: 'x-app', application: 'globex-app' })
        : plans;
    },
    message: outOfReach('globex-app', 'application'),
    control: () =>
      post(acme.admin, '/api/add-pricing', {
        owner: 'acme',
        name: 'own-pricing',
        plans: ['acme-plan'],
        application: 'acme-app',
      }),
  },
  {
    name: 'a subscription of acme is for a globex user',
    attack: () =>
      post(acme.admin, '/api/add-subscription', {
        owner: 'acme',
        name: 'x-sub',
        user: 'globex-user',
        plan: 'acme-plan',
      }),
    message: outOfReach('globex-user', 'user'),
    control: () =>
      post(acme.admin, '/api/add-subscription', {
        owner: 'acme',
        name: 'own-sub',
        user: 'acme-user',
        plan: 'acme-plan',
        pricing: 'acme-pricing',
      }),
  },
  {
    name: 'a payment of acme names globex’s order and provider',
    attack: async () => {
      const order = await post(acme.admin, '/api/add-payment', {
        owner: 'acme',
        name: 'x-pay',
        order: globexPayment.order,
      });
      return order.status === 'error'
        ? post(acme.admin, '/api/add-payment', { owner: 'acme', name: 'x-pay', provider: 'globex-dummy' })
        : order;
    },
    message: outOfReach('globex-dummy', 'provider'),
    control: () =>
      post(acme.admin, '/api/add-payment', {
        owner: 'acme',
        name: 'own-pay',
        provider: 'acme-dummy',
        user: 'acme-user',
      }),
  },
  {
    name: 'a transaction of acme credits a globex user’s balance',
    attack: () =>
      post(acme.app, '/api/add-transaction', {
        owner: 'acme',
        tag: 'User',
        user: 'globex-user',
        category: 'Recharge',
        amount: 1000000,
      }),
    message: outOfReach('globex-user', 'user'),
    control: () =>
      post(acme.app, '/api/add-transaction', {
        owner: 'acme',
        tag: 'User',
        user: 'acme-user',
        category: 'Recharge',
        amount: 1,
      }),
  },
  {
    name: 'a transaction of globex is moved to acme (or changed) through a body',
    attack: async () => {
      const moved = await post(acme.admin, `/api/update-transaction?id=globex/globex-gift`, {
        owner: 'acme',
        name: 'globex-gift',
        amount: -50,
      });
      return moved.status === 'error'
        ? post(acme.admin, `/api/delete-transaction`, { owner: 'globex', name: 'globex-gift' })
        : moved;
    },
    control: () =>
      post(acme.admin, `/api/update-transaction?id=acme/acme-gift`, { owner: 'acme', name: 'acme-gift', amount: 40 }),
  },
  {
    name: 'an acme transaction is pointed at a globex user by an update',
    attack: () => post(acme.admin, '/api/update-transaction?id=acme/acme-gift&columns=user', { user: 'globex-user' }),
    message: outOfReach('globex-user', 'user'),
    control: () =>
      post(acme.admin, '/api/update-transaction?id=acme/acme-gift&columns=displayName', { displayName: 'A gift' }),
  },
];

describe('acme’s callers against globex’s commerce objects', () => {
  test.each(attacks.map((attack) => [attack.name, attack] as const))(
    '%s: refused, globex unchanged; the same inside acme works',
    async (_name, attack) => {
      const before = await globexRows();
      const answer = await attack.attack();
      expect({ status: answer.status, msg: answer.msg }).toEqual({
        status: 'error',
        msg: attack.message ?? NOT_ALLOWED,
      });
      expect(await globexRows()).toEqual(before);
      const control = await attack.control();
      expect({ status: control.status, msg: control.msg }).toEqual({ status: 'ok', msg: '' });
    },
  );

  test('a product named alike in both organizations: acme’s purchase takes acme’s stock only', async () => {
    const stock = async (org: string) =>
      (await call(t, org === 'acme' ? acme.admin : globex.admin, `/api/get-product?id=${org}/widget`)).data
        .quantity as number;
    const [acmeBefore, globexBefore] = [await stock('acme'), await stock('globex')];
    const payment = (await post(acme.user, '/api/buy-product?id=acme/widget&providerName=acme-dummy')).data;
    await post(acme.user, `/api/notify-payment/acme/${payment.name}`);
    expect([await stock('acme'), await stock('globex')]).toEqual([acmeBefore - 1, globexBefore]);
  });

  test('renaming globex’s user leaves acme’s payments of a user with the same name alone', async () => {
    await post(acme.admin, '/api/add-user', { owner: 'acme', name: 'sam' });
    await post(globex.admin, '/api/add-user', { owner: 'globex', name: 'sam' });
    await post(acme.admin, '/api/add-payment', { owner: 'acme', name: 'sams-payment', user: 'sam' });
    await post(globex.admin, '/api/add-payment', { owner: 'globex', name: 'sams-payment', user: 'sam' });
    expect((await post(globex.admin, '/api/update-user?id=globex/sam&columns=name', { name: 'samuel' })).data).toBe(
      'Affected',
    );
    expect((await call(t, globex.admin, '/api/get-payment?id=globex/sams-payment')).data.user).toBe('samuel');
    expect((await call(t, acme.admin, '/api/get-payment?id=acme/sams-payment')).data.user).toBe('sam');
  });

  test('a deleted organization takes its commerce objects along: one made again with its name inherits nothing; a renamed one keeps them', async () => {
    const root = await globalAdmin(t);
    const count = async (owner: string) =>
      (
        await Promise.all(
          TABLES.filter((table) => table !== 'user').map((table) => countStoredRows(t.context.db, table, { owner })),
        )
      ).reduce((sum, count) => sum + count, 0);
    const initech = await organizationWithCallers(t, 'initech');
    await post(initech.admin, '/api/add-provider', {
      owner: 'initech',
      name: 'dummy',
      category: 'Payment',
      type: 'Dummy',
    });
    await post(initech.admin, '/api/add-product', {
      owner: 'initech',
      name: 'stapler',
      price: 1,
      quantity: 5,
      providers: ['dummy'],
    });
    const payment = (await post(initech.user, '/api/buy-product?id=initech/stapler&providerName=dummy')).data;
    await post(initech.user, `/api/notify-payment/initech/${payment.name}`);
    const held = await count('initech');
    expect(held).toBeGreaterThanOrEqual(4);
    expect(
      (await post(root, '/api/update-organization?id=admin/initech&columns=name', { name: 'initrode' })).data,
    ).toBe('Affected');
    expect([await count('initech'), await count('initrode')]).toEqual([0, held]);
    expect(
      (await post(root, '/api/delete-organization?id=admin/initrode', { owner: 'admin', name: 'initrode' })).data,
    ).toBe('Affected');
    expect(await count('initrode')).toBe(0);
  });
});
