import { codecs, deleteRows, selectRows } from '@latchkey/db';
import { Envelope, Order, Payment } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { noteAuditOrganization } from '../objects/audit-target.ts';
import { parseId, requireParameter } from '../objects/id.ts';
import { listObjects } from '../objects/read-service.ts';
import { ListEnvelope, ObjectListQuery } from '../objects/routes.ts';
import { resolveBuyer } from './buyer.ts';
import { invoicePayment, notifyPayment } from './notify-payment.ts';
import { PayAnswer } from './order-routes.ts';
import { findOwnedPayment, requireBuyerOrAdmin } from './owned.ts';
import { payOrder } from './pay-order.ts';
import { paymentKind } from './payment-kind.ts';
import { placeOrder } from './place-order.ts';

const tags = ['Payments'];

const PaymentWithOrder = T.Composite([Payment, T.Object({ orderObj: T.Optional(Order) })]);

/** Payments with their orders (`orderObj`, left out when there is none), as Casdoor's lists show them. */
async function withOrders(context: AppContext, payments: Payment[]): Promise<(Payment & { orderObj?: Order })[]> {
  const orders = new Map<string, Order>();
  const byOwner = new Map<string, string[]>();
  for (const payment of payments)
    if (payment.order) byOwner.set(payment.owner, [...(byOwner.get(payment.owner) ?? []), payment.order]);
  for (const [owner, owned] of byOwner) {
    const rows = await selectRows(context.db, context.dialect, {
      table: 'order',
      key: { owner },
      oneOf: { column: 'name', values: owned },
    });
    for (const row of rows) {
      const order = codecs.order.decode(row) as Order;
      orders.set(`${order.owner}/${order.name}`, order);
    }
  }
  return payments.map((payment) => {
    const order = payment.order ? orders.get(`${payment.owner}/${payment.order}`) : undefined;
    return order ? { ...payment, orderObj: order } : payment;
  });
}

/** `customPrice` as Casdoor reads it: a decimal number, 0 when left out. */
function parseCustomPrice(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim()))
    throw new ApiError('general.invalid_parameter', { name: 'customPrice' });
  return Number(raw);
}

/** buy-product (an order of one unit, paid at once), notify-payment, invoice-payment and a user's payments. */
export function paymentRoutes(context: AppContext) {
  return new Elysia({ name: 'commerce:payments' })
    .use(auth(context))
    .post(
      '/api/buy-product',
      async ({ identity, query, request }) => {
        const { owner, name } = parseId(requireParameter(query.id, 'id'));
        const buyer = await resolveBuyer(context, identity, owner, query.userName);
        noteAuditOrganization(request, owner);
        const line = {
          name,
          quantity: 1,
          price: parseCustomPrice(query.customPrice),
          pricingName: query.pricingName,
          planName: query.planName,
        };
        const order = await placeOrder(context, owner, [line], buyer, query.couponCode);
        try {
          const result = await payOrder(context, order, query.providerName ?? '');
          return ok(result.payment, result.attachInfo);
        } catch (error) {
          // One request, one purchase: an order that could not be paid is not left behind.
          await deleteRows(context.db, 'order', { owner, name: order.name });
          throw error;
        }
      },
      {
        signedIn: true,
        query: T.Object({
          id: T.Optional(T.String({ description: 'The product (owner/name)' })),
          providerName: T.Optional(
            T.String({ description: 'A payment provider the product offers (type Dummy or Balance)' }),
          ),
          pricingName: T.Optional(
            T.String({ description: 'With planName: the pricing and plan bought (starts a subscription)' }),
          ),
          planName: T.Optional(T.String()),
          userName: T.Optional(
            T.String({ description: "The buyer, when an administrator or application buys on a user's behalf" }),
          ),
          customPrice: T.Optional(T.String({ description: 'The amount of a recharge product' })),
          paymentEnv: T.Optional(T.String()),
          couponCode: T.Optional(T.String({ description: 'Not supported: a code is refused' })),
        }),
        response: PayAnswer,
        detail: {
          summary: 'Buy one unit of a product: an order and its payment (state Created); payUrl says where to pay',
          tags: ['Products'],
        },
      },
    )
    .post(
      '/api/notify-payment/:owner/:payment',
      async ({ identity, params, request }) => {
        const payment = await findOwnedPayment(context, identity, params.owner, params.payment);
        noteAuditOrganization(request, payment.owner);
        return ok(await notifyPayment(context, payment));
      },
      {
        signedIn: true,
        params: T.Object({
          owner: T.String({ description: 'The organization' }),
          payment: T.String({ description: 'The payment name' }),
        }),
        response: Envelope(Payment),
        detail: {
          summary: 'Confirm a payment with its provider (the payer, or an administrator): a Dummy payment becomes Paid',
          tags,
        },
      },
    )
    .post(
      '/api/invoice-payment',
      async ({ identity, query, request }) => {
        const { owner, name } = parseId(requireParameter(query.id, 'id'));
        const payment = await findOwnedPayment(context, identity, owner, name);
        noteAuditOrganization(request, owner);
        return ok(await invoicePayment(context, payment));
      },
      {
        signedIn: true,
        query: T.Object({ id: T.Optional(T.String({ description: 'The payment (owner/name)' })) }),
        response: Envelope(T.String({ description: 'The invoice URL (empty for Dummy and Balance)' })),
        detail: { summary: 'The invoice of a paid payment', tags },
      },
    )
    .get(
      '/api/get-payments',
      async ({ identity, query }) => {
        const result = await listObjects(context, paymentKind, identity, { query });
        return ok(await withOrders(context, result.data), result.data2);
      },
      {
        admin: true,
        query: ObjectListQuery,
        response: ListEnvelope(PaymentWithOrder),
        detail: {
          summary: 'List payments, each with its order (p, pageSize, field, value, sortField, sortOrder)',
          tags,
        },
      },
    )
    .get(
      '/api/get-user-payments',
      async ({ identity, query }) => {
        const owner = requireParameter(query.owner, 'owner');
        const user = requireParameter(query.user, 'user');
        requireBuyerOrAdmin(identity, owner, user);
        const filters = [
          { column: 'owner', match: 'equals' as const, value: owner },
          { column: 'user', match: 'equals' as const, value: user },
        ];
        return ok(
          await withOrders(
            context,
            (await listObjects(context, paymentKind, identity, { query: {}, global: true, filters })).data,
          ),
        );
      },
      {
        signedIn: true,
        query: T.Object({
          owner: T.Optional(T.String({ description: 'The organization' })),
          organization: T.Optional(T.String({ description: 'The same, as the Go SDK also sends it' })),
          user: T.Optional(T.String({ description: 'The user name' })),
        }),
        response: ListEnvelope(PaymentWithOrder),
        detail: {
          summary: "A user's payments, newest first (the user, or an administrator of the organization)",
          tags,
        },
      },
    );
}
