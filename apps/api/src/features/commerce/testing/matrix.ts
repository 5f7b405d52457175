import type { Audience } from '../../../core/identity/privileges.ts';
import type { TestApp } from '../../../test/create-test-app.ts';
import { byAudience } from '../../../test/matrix/audience.ts';
import { get, post } from '../../../test/matrix/objects.ts';
import type { Kit, MatrixRoute, Outcome } from '../../../test/matrix/route.ts';
import type { CallerName, Credentials, TargetName, Tenant } from '../../../test/matrix/world.ts';

/**
 * The commerce objects in the route × caller × target matrix: the add-<object> bodies of each kind,
 * one object of each in every tenant, and the rules of the order-flow routes.
 *
 * Every tenant's objects belong to its target user (`<prefix>-target`), so that the user caller
 * (`<prefix>-user`) is refused on them as on any other user's; the flow routes act on fresh orders
 * and payments of the user caller, who succeeds on X's own (the positive control).
 */

/** Bodies of add-<object> that succeed, for an object `name` of `organization`. */
export function commerceAddBody(
  kind: string,
  organization: string,
  prefix: string,
  name: string,
): Record<string, unknown> | undefined {
  const base = { owner: organization, name };
  switch (kind) {
    case 'product':
      return { ...base, currency: 'USD', price: 1, quantity: 100000, providers: [`${prefix}-dummy`] };
    case 'plan':
      return { ...base, currency: 'USD', price: 2, period: 'Monthly', role: `${prefix}-role` };
    case 'pricing':
      return { ...base, plans: [`${prefix}-plan`], application: `${prefix}-app` };
    case 'subscription':
      return {
        ...base,
        user: `${prefix}-target`,
        plan: `${prefix}-plan`,
        pricing: `${prefix}-pricing`,
        period: 'Monthly',
      };
    case 'order':
      return { ...base, user: `${prefix}-target`, products: [`${prefix}-product`], state: 'Created' };
    case 'payment':
      return {
        ...base,
        user: `${prefix}-target`,
        provider: `${prefix}-dummy`,
        products: [`${prefix}-product`],
        order: `${prefix}-order`,
        state: 'Paid',
        price: 1,
        currency: 'USD',
      };
    case 'transaction':
      return {
        ...base,
        user: `${prefix}-target`,
        payment: `${prefix}-payment`,
        category: 'Recharge',
        amount: 1,
        currency: 'USD',
      };
    default:
      return undefined;
  }
}

const COMMERCE_KINDS = ['product', 'plan', 'pricing', 'subscription', 'order', 'payment', 'transaction'];

/** A Dummy payment provider and one object of each commerce kind in a tenant, in the order their references need. */
export async function addCommerceObjects(
  t: TestApp,
  root: Credentials,
  organization: string,
  prefix: string,
): Promise<void> {
  const add = async (path: string, body: unknown) => {
    const answer = await t.request(path, { headers: root.headers, body });
    if (answer.json?.status !== 'ok')
      throw new Error(`setting up ${path} ${JSON.stringify(body)} failed: ${answer.text}`);
  };
  await add('/api/add-provider', { owner: organization, name: `${prefix}-dummy`, category: 'Payment', type: 'Dummy' });
  for (const kind of COMMERCE_KINDS)
    await add(`/api/add-${kind}`, commerceAddBody(kind, organization, prefix, `${prefix}-${kind}`));
}

/** Something the global administrator makes for a probe (kit.prepared tells the matrix that tables changed). */
async function asRoot(kit: Kit, path: string, body: unknown = {}): Promise<any> {
  kit.prepared = true;
  const answer = await kit.t.request(path, { headers: kit.world.root.headers, body });
  if (answer.json?.status !== 'ok') throw new Error(`${path} as root failed: ${answer.text}`);
  return answer.json.data;
}

/** A fresh order of the tenant's user caller, in state Created. */
const freshOrder = (kit: Kit, tenant: Tenant) =>
  asRoot(kit, `/api/place-order?owner=${tenant.organization}&userName=${tenant.user}`, {
    productInfos: [{ name: `${tenant.prefix}-product` }],
  }) as Promise<{ name: string }>;

/** A fresh payment of the tenant's user caller, in state Created (or Paid once confirmed). */
async function freshPayment(kit: Kit, tenant: Tenant, paid = false): Promise<{ name: string }> {
  const payment = await asRoot(
    kit,
    `/api/buy-product?id=${tenant.organization}/${tenant.prefix}-product&providerName=${tenant.prefix}-dummy&userName=${tenant.user}`,
  );
  if (paid) await asRoot(kit, `/api/notify-payment/${tenant.organization}/${payment.name}`);
  return payment;
}

/** The order-flow routes: X's callers (its user for themselves) succeed on X, and are refused on Y and built-in. */
export function commerceSpecialRules(
  audience: (key: string) => Audience | undefined,
): Record<string, Omit<MatrixRoute, 'key' | 'audience' | 'write'>> {
  const ownX = (target: TargetName | undefined): Outcome => (target === 'X' ? 'ok' : 'refused');
  const rule = (key: string) => (caller: CallerName, target: TargetName | undefined) =>
    byAudience(audience(key), caller, target, ownX);
  const buyer = (tenant: Tenant) => ({ owner: tenant.organization, userName: tenant.user });
  return {
    'POST /api/buy-product': {
      probes: (_kit, tenant) => [
        post(
          '/api/buy-product',
          {
            id: `${tenant!.organization}/${tenant!.prefix}-product`,
            providerName: `${tenant!.prefix}-dummy`,
            userName: tenant!.user,
          },
          () => ({}),
        ),
      ],
      expected: rule('POST /api/buy-product'),
    },
    'POST /api/place-order': {
      probes: (_kit, tenant) => [
        post('/api/place-order', buyer(tenant!), () => ({ productInfos: [{ name: `${tenant!.prefix}-product` }] })),
      ],
      expected: rule('POST /api/place-order'),
    },
    'POST /api/pay-order': {
      probes: async (kit, tenant) => {
        const order = await freshOrder(kit, tenant!);
        return [
          post(
            '/api/pay-order',
            { id: `${tenant!.organization}/${order.name}`, providerName: `${tenant!.prefix}-dummy` },
            () => ({}),
          ),
        ];
      },
      expected: rule('POST /api/pay-order'),
    },
    'POST /api/cancel-order': {
      probes: async (kit, tenant) => {
        const order = await freshOrder(kit, tenant!);
        return [post('/api/cancel-order', { id: `${tenant!.organization}/${order.name}` }, () => ({}))];
      },
      expected: rule('POST /api/cancel-order'),
    },
    'POST /api/notify-payment/{owner}/{payment}': {
      probes: async (kit, tenant) => {
        const payment = await freshPayment(kit, tenant!);
        return [post(`/api/notify-payment/${tenant!.organization}/${payment.name}`, {}, () => ({}))];
      },
      expected: rule('POST /api/notify-payment/{owner}/{payment}'),
    },
    'POST /api/invoice-payment': {
      probes: async (kit, tenant) => {
        const payment = await freshPayment(kit, tenant!, true);
        return [post('/api/invoice-payment', { id: `${tenant!.organization}/${payment.name}` }, () => ({}))];
      },
      expected: rule('POST /api/invoice-payment'),
    },
    'GET /api/get-user-orders': {
      probes: (_kit, tenant) => [get('/api/get-user-orders', { owner: tenant!.organization, user: tenant!.user })],
      expected: rule('GET /api/get-user-orders'),
    },
    'GET /api/get-user-payments': {
      probes: (_kit, tenant) => [get('/api/get-user-payments', { owner: tenant!.organization, user: tenant!.user })],
      expected: rule('GET /api/get-user-payments'),
    },
  };
}
