import { AffectedEnvelope, Envelope, Order, Payment } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { affected, ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { noteAuditOrganization } from '../objects/audit-target.ts';
import { parseObjectBody } from '../objects/body.ts';
import { requireParameter } from '../objects/id.ts';
import { listObjects } from '../objects/read-service.ts';
import { ListEnvelope } from '../objects/routes.ts';
import { resolveBuyer } from './buyer.ts';
import { orderKind } from './order-kind.ts';
import { findOwnedOrder, requireBuyerOrAdmin } from './owned.ts';
import { payOrder } from './pay-order.ts';
import { cancelOrder, type OrderRequestLine, placeOrder } from './place-order.ts';

const tags = ['Orders'];

const PlaceOrderBody = T.Object({
  productInfos: T.Optional(
    T.Union([
      T.Array(
        T.Object({
          name: T.Optional(T.String()),
          price: T.Optional(T.Number({ description: 'The amount of a recharge product' })),
          quantity: T.Optional(T.Integer({ description: 'Units (1 when left out)' })),
          pricingName: T.Optional(T.String()),
          planName: T.Optional(T.String()),
        }),
      ),
      T.Null(),
    ]),
  ),
  couponCode: T.Optional(T.String({ description: 'Not supported: a code is refused' })),
});

export const PayAnswer = Envelope(
  Payment,
  T.Union([T.Record(T.String(), T.Unknown()), T.Null()], {
    description: "The provider's attachInfo (none for Dummy and Balance)",
  }),
);

/** Casdoor's order flow: place an order, pay it through a provider, or cancel it; and a user's orders. */
export function orderRoutes(context: AppContext) {
  return new Elysia({ name: 'commerce:orders' })
    .use(auth(context))
    .post(
      '/api/place-order',
      async ({ identity, query, body, request }) => {
        const owner = requireParameter(query.owner, 'owner');
        const buyer = await resolveBuyer(context, identity, owner, query.userName);
        noteAuditOrganization(request, owner);
        return ok(
          await placeOrder(context, owner, (body.productInfos ?? []) as OrderRequestLine[], buyer, body.couponCode),
        );
      },
      {
        signedIn: true,
        parse: parseObjectBody,
        query: T.Object({
          owner: T.Optional(T.String({ description: 'The organization' })),
          userName: T.Optional(
            T.String({ description: "The buyer, when an administrator or application orders on a user's behalf" }),
          ),
        }),
        body: PlaceOrderBody,
        response: Envelope(Order),
        detail: { summary: 'Place an order (state Created) for products of the organization', tags },
      },
    )
    .post(
      '/api/pay-order',
      async ({ identity, query, request }) => {
        const order = await findOwnedOrder(context, identity, requireParameter(query.id, 'id'));
        noteAuditOrganization(request, order.owner);
        const result = await payOrder(context, order, query.providerName ?? '');
        return ok(result.payment, result.attachInfo);
      },
      {
        signedIn: true,
        query: T.Object({
          id: T.Optional(T.String({ description: 'The order (owner/name)' })),
          providerName: T.Optional(T.String({ description: 'A payment provider the first product offers' })),
          paymentEnv: T.Optional(T.String()),
        }),
        response: PayAnswer,
        detail: {
          summary: 'Pay an order: a payment (state Created) through the provider; payUrl says where to pay',
          tags,
        },
      },
    )
    .post(
      '/api/cancel-order',
      async ({ identity, query, request }) => {
        const order = await findOwnedOrder(context, identity, requireParameter(query.id, 'id'));
        noteAuditOrganization(request, order.owner);
        return affected(await cancelOrder(context, order));
      },
      {
        signedIn: true,
        query: T.Object({ id: T.Optional(T.String({ description: 'The order (owner/name)' })) }),
        response: AffectedEnvelope,
        detail: { summary: 'Cancel an order that is not paid yet', tags },
      },
    )
    .get(
      '/api/get-user-orders',
      async ({ identity, query }) => {
        const owner = requireParameter(query.owner, 'owner');
        const user = requireParameter(query.user, 'user');
        requireBuyerOrAdmin(identity, owner, user);
        const filters = [
          { column: 'owner', match: 'equals' as const, value: owner },
          { column: 'user', match: 'equals' as const, value: user },
        ];
        return ok((await listObjects(context, orderKind, identity, { query: {}, global: true, filters })).data);
      },
      {
        signedIn: true,
        query: T.Object({
          owner: T.Optional(T.String({ description: 'The organization' })),
          user: T.Optional(T.String({ description: 'The user name' })),
        }),
        response: ListEnvelope(Order),
        detail: { summary: "A user's orders, newest first (the user, or an administrator of the organization)", tags },
      },
    );
}
