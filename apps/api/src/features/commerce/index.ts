import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { objectRoutes } from '../objects/routes.ts';
import { catalogueRoutes } from './catalogue-routes.ts';
import { orderKind } from './order-kind.ts';
import { orderRoutes } from './order-routes.ts';
import { paymentKind } from './payment-kind.ts';
import { paymentRoutes } from './payment-routes.ts';
import { planKind } from './plan-kind.ts';
import { pricingKind } from './pricing-kind.ts';
import { productKind } from './product-kind.ts';
import { subscriptionKind } from './subscription-kind.ts';
import { transactionKind } from './transaction-kind.ts';

/**
 * What an organization sells and what its users bought, on Casdoor's routes: the five object routes
 * of each kind, get-product with its providers, add-transaction answering the new name, and the
 * order flow (buy-product, place-order, pay-order, cancel-order, notify-payment, invoice-payment,
 * get-user-orders, get-user-payments). Only Casdoor's Dummy and Balance payment providers take payments.
 */
export function commerceRoutes(context: AppContext) {
  return new Elysia({ name: 'commerce' })
    .use(objectRoutes(context, productKind, { omit: ['list', 'get'] }))
    .use(objectRoutes(context, planKind, { omit: ['list', 'get'] }))
    .use(objectRoutes(context, pricingKind))
    .use(objectRoutes(context, subscriptionKind))
    .use(objectRoutes(context, orderKind))
    .use(objectRoutes(context, paymentKind, { omit: ['list'] }))
    .use(objectRoutes(context, transactionKind, { omit: ['add'] }))
    .use(catalogueRoutes(context))
    .use(orderRoutes(context))
    .use(paymentRoutes(context));
}
