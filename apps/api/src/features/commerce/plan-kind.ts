import { codecs, deleteRows, findRow, insertRow, updateRows } from '@latchkey/db';
import { Plan, type Product } from '@latchkey/types';
import { type AppContext, nowText } from '../../core/context.ts';
import { defineKind, type Trx } from '../objects/kind.ts';
import { checkCurrency, checkPeriod, checkPrice } from './checks.ts';
import { paymentProvidersOf } from './product-kind.ts';

/** The tag of the product made with a plan, as Casdoor tags it; only such a product goes when its plan does. */
export const PLAN_PRODUCT_TAG = 'auto_created_product_for_plan';

const randomSuffix = () => crypto.randomUUID().replaceAll('-', '').slice(0, 6);

/** What a plan's product says of its plan, kept in step with it. */
const productFields = (plan: Plan) => ({
  displayName: `Product for Plan ${plan.name}/${plan.displayName}/${plan.period}`,
  detail: `This product was auto created for plan ${plan.name}(${plan.displayName}), subscription period is ${plan.period}`,
  price: plan.price,
  currency: plan.currency,
});

async function providersFor(trx: Trx, context: AppContext, plan: Plan): Promise<string[]> {
  const named = plan.paymentProviders.filter(Boolean);
  return named.length > 0 ? named : paymentProvidersOf(context, plan.owner, trx);
}

async function addPlanProduct(trx: Trx, context: AppContext, plan: Plan): Promise<void> {
  if (await findRow(trx, 'product', { owner: plan.owner, name: plan.product })) return;
  const product: Partial<Product> = {
    owner: plan.owner,
    name: plan.product,
    createdTime: nowText(context),
    ...productFields(plan),
    description: plan.description,
    tag: PLAN_PRODUCT_TAG,
    quantity: 999,
    providers: await providersFor(trx, context, plan),
    state: 'Published',
  };
  await insertRow(trx, 'product', codecs.product.encode(product));
}

async function updatePlanProduct(trx: Trx, context: AppContext, plan: Plan): Promise<void> {
  if (!plan.product) return;
  const values = { ...productFields(plan), providers: await providersFor(trx, context, plan) };
  await updateRows(trx, 'product', { owner: plan.owner, name: plan.product }, codecs.product.encodePartial(values));
}

async function removePlanProduct(trx: Trx, plan: Plan): Promise<void> {
  if (!plan.product) return;
  const row = await findRow(trx, 'product', { owner: plan.owner, name: plan.product });
  if (row && codecs.product.decode(row).tag === PLAN_PRODUCT_TAG)
    await deleteRows(trx, 'product', { owner: plan.owner, name: plan.product });
}

function checkPlan(plan: Plan): Plan {
  checkCurrency(plan.currency);
  checkPrice(plan.price, 'price');
  checkPeriod(plan.period);
  return plan;
}

/**
 * Subscription plans: a price per period (Monthly or Yearly), the role a subscriber is meant to get,
 * and the product that sells the plan. As in Casdoor, adding a plan that names no product makes one
 * (tagged auto_created_product_for_plan) and updating the plan keeps that product's name, price,
 * currency and providers in step; deleting the plan deletes a product made that way.
 */
export const planKind = defineKind<Plan>({
  name: 'plan',
  schema: Plan,
  placement: 'organization',
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      currency: 'exact',
      period: 'exact',
      role: 'exact',
      product: 'exact',
      isEnabled: 'flag',
    },
    sortable: ['createdTime', 'name', 'displayName', 'price'],
  },
  hooks: {
    prepareAdd: (_context, plan) => {
      plan.product ||= `product_${randomSuffix()}`;
      return checkPlan(plan);
    },
    prepareUpdate: (_context, plan) => checkPlan(plan),
    afterAdd: (trx, context, plan) => addPlanProduct(trx, context, plan),
    afterUpdate: (trx, context, plan) => updatePlanProduct(trx, context, plan),
    afterDelete: (trx, _context, plan) => removePlanProduct(trx, plan),
  },
  // Pricings offer plans; subscriptions are to one plan.
  references: [
    { table: 'pricing', column: 'plans', holds: 'name-list', within: 'owner' },
    { table: 'subscription', column: 'plan', holds: 'name', within: 'owner' },
  ],
});
