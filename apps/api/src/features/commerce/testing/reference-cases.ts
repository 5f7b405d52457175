import { codecs, insertRow, type TableName } from '@latchkey/db';
import type { TestApp } from '../../../test/create-test-app.ts';

/**
 * The commerce rows of features/objects/reference-reach.test.ts: one case per reference field of a
 * commerce object (or naming one), written as an object of x-org whose field points at the own,
 * a foreign (y-org) or built-in's object of the same kind.
 */
/**
 * Whose object a case's field points at: x-org's own, y-org's (foreign) or built-in's, or a name
 * that names nothing (yet) in that organization.
 */
export type Side = 'own' | 'foreign' | 'builtIn' | 'ownNothing' | 'foreignNothing' | 'builtInNothing';
type Caller = { headers: Record<string, string> };
type Envelope = { status: 'ok' | 'error'; msg: string; data: any; data2: any };

/** What the reference-reach test hands over: its app, its call, and how it names each side's objects. */
export interface ReferenceEnvironment {
  call: (caller: Caller, path: string, body?: unknown) => Promise<Envelope>;
  objectOf: (side: Side, kind: string) => string;
  userOf: (side: Side) => string;
  applicationOf: (side: Side) => string;
  added: (table: TableName) => (name: string) => Promise<boolean>;
}

const NOWHERE = { foreign: false, builtIn: false };

export function commerceReferenceCases(env: ReferenceEnvironment) {
  /** A case of field `field` of `kind`, whose value for a side is `value(side)`; `nothingYet` as the reference-reach test reads it. */
  const fieldCase = (
    kind: string,
    field: string,
    value: (side: Side) => unknown,
    global = NOWHERE,
    nothingYet?: { anySide?: boolean },
  ) => ({
    write: (caller: Caller, side: Side, name: string) =>
      env.call(caller, `/api/add-${kind}`, { owner: 'x-org', name, [field]: value(side) }),
    written: env.added(kind as TableName),
    global,
    nothingYet,
    update: { kind, id: (name: string) => `x-org/${name}`, body: (side: Side) => ({ [field]: value(side) }) },
  });
  const named = (target: string) => (side: Side) => env.objectOf(side, target);
  const listed = (target: string) => (side: Side) => [env.objectOf(side, target)];
  const application = { foreign: false, builtIn: true };
  return {
    'product.providers': fieldCase('product', 'providers', listed('provider')),
    'plan.paymentProviders': fieldCase('plan', 'paymentProviders', listed('provider')),
    'payment.provider': fieldCase('payment', 'provider', named('provider')),
    'transaction.provider': fieldCase('transaction', 'provider', named('provider')),
    'plan.role': fieldCase('plan', 'role', named('role')),
    'subscription.user': fieldCase('subscription', 'user', env.userOf),
    'order.user': fieldCase('order', 'user', env.userOf),
    'payment.user': fieldCase('payment', 'user', env.userOf),
    'transaction.user': fieldCase('transaction', 'user', env.userOf),
    // A note on the pricing: an application not added yet may be named (application names carry no organization).
    'pricing.application': fieldCase('pricing', 'application', env.applicationOf, application, { anySide: true }),
    'transaction.application': fieldCase('transaction', 'application', env.applicationOf, application),
    'plan.product': fieldCase('plan', 'product', named('product')),
    'order.products': fieldCase('order', 'products', listed('product')),
    'payment.products': fieldCase('payment', 'products', listed('product')),
    'pricing.plans': fieldCase('pricing', 'plans', listed('plan')),
    'subscription.plan': fieldCase('subscription', 'plan', named('plan')),
    'subscription.pricing': fieldCase('subscription', 'pricing', named('pricing')),
    'subscription.payment': fieldCase('subscription', 'payment', named('payment')),
    'order.payment': fieldCase('order', 'payment', named('payment')),
    'transaction.payment': fieldCase('transaction', 'payment', named('payment')),
    'payment.order': fieldCase('payment', 'order', named('order')),
  };
}

/** The commerce objects each side's references point at: `<prefix>-product`, `-plan`, `-pricing`, `-order`, `-payment`. */
export async function addCommerceReferenceTargets(
  t: TestApp,
  organization: string,
  prefix: string,
  createdTime: string,
): Promise<void> {
  const base = { owner: organization, createdTime };
  const db = t.context.db;
  await insertRow(db, 'product', codecs.product.encode({ ...base, name: `${prefix}-product`, price: 1, quantity: 10 }));
  await insertRow(
    db,
    'plan',
    codecs.plan.encode({ ...base, name: `${prefix}-plan`, product: `${prefix}-product`, period: 'Monthly' }),
  );
  await insertRow(
    db,
    'pricing',
    codecs.pricing.encode({ ...base, name: `${prefix}-pricing`, plans: [`${prefix}-plan`] }),
  );
  await insertRow(
    db,
    'order',
    codecs.order.encode({ ...base, name: `${prefix}-order`, products: [`${prefix}-product`], state: 'Created' }),
  );
  await insertRow(
    db,
    'payment',
    codecs.payment.encode({ ...base, name: `${prefix}-payment`, order: `${prefix}-order`, state: 'Created' }),
  );
}
