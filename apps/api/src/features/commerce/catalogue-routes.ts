import { codecs, selectRows } from '@latchkey/db';
import { AffectedEnvelope, Envelope, type Permission, Plan, Product, Provider } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { providerKind } from '../integrations/provider-kind.ts';
import { noteAuditOrganization } from '../objects/audit-target.ts';
import { objectBodyOf } from '../objects/body.ts';
import { requireParameter } from '../objects/id.ts';
import { getObject, listObjects, presentTo } from '../objects/read-service.ts';
import { callerOf, IdQuery, ListEnvelope, ObjectListQuery } from '../objects/routes.ts';
import { writeSchema } from '../objects/write-schema.ts';
import { addObject, prepareNewObject } from '../objects/write-service.ts';
import { findPaymentProvider } from './payment-providers.ts';
import { planKind } from './plan-kind.ts';
import { productKind } from './product-kind.ts';
import { moveBalance, transactionKind } from './transaction-kind.ts';

const ProviderObjs = T.Union([T.Array(Provider), T.Null()], {
  description: 'The providers it is offered through, secrets masked (get-product); null in lists',
});
const ProductWithProviders = T.Composite([Product, T.Object({ providerObjs: ProviderObjs })]);
const PlanWithOptions = T.Composite([
  Plan,
  T.Object({
    options: T.Union([T.Array(T.String()), T.Null()], {
      description: 'With includeOption=true: the permissions its role has',
    }),
  }),
]);

/** The display names of the permissions of a plan's organization that grant its role (Casdoor's plan options). */
async function optionsOf(context: AppContext, plan: Plan): Promise<string[]> {
  if (!plan.role) return [];
  const role = `${plan.owner}/${plan.role}`;
  const rows = await selectRows(context.db, context.dialect, {
    table: 'permission',
    key: { owner: plan.owner },
    filters: [{ column: 'roles', match: 'contains', value: JSON.stringify(role) }],
  });
  return rows
    .map((row) => codecs.permission.decode(row) as Permission)
    .filter((permission) => permission.roles.includes(role))
    .map((permission) => permission.displayName);
}

/** A name for a transaction added without one, as Casdoor makes them: a UUID without its dashes. */
const transactionName = () => crypto.randomUUID().replaceAll('-', '');

/** get-product with its providers (providerObjs), and add-transaction, which answers the new transaction's name. */
export function catalogueRoutes(context: AppContext) {
  return new Elysia({ name: 'commerce:catalogue' })
    .use(auth(context))
    .get(
      '/api/get-products',
      async ({ identity, query }) => {
        const result = await listObjects(context, productKind, identity, {
          query,
          withSecret: query.withSecret === '1',
        });
        return ok(
          result.data.map((product) => ({ ...product, providerObjs: null })),
          result.data2,
        );
      },
      {
        admin: true,
        query: ObjectListQuery,
        response: ListEnvelope(ProductWithProviders),
        detail: { summary: 'List products (p, pageSize, field, value, sortField, sortOrder)', tags: ['Products'] },
      },
    )
    .get(
      '/api/get-plans',
      async ({ identity, query }) => {
        const result = await listObjects(context, planKind, identity, { query });
        return ok(
          result.data.map((plan) => ({ ...plan, options: null })),
          result.data2,
        );
      },
      {
        admin: true,
        query: ObjectListQuery,
        response: ListEnvelope(PlanWithOptions),
        detail: { summary: 'List plans (p, pageSize, field, value, sortField, sortOrder)', tags: ['Plans'] },
      },
    )
    .get(
      '/api/get-plan',
      async ({ identity, query }) => {
        const plan = await getObject(context, planKind, identity, requireParameter(query.id, 'id'));
        if (!plan) return ok(null);
        return ok({ ...plan, options: query.includeOption === 'true' ? await optionsOf(context, plan) : null });
      },
      {
        admin: true,
        query: T.Composite([
          IdQuery,
          T.Object({
            includeOption: T.Optional(
              T.String({ description: "true: options lists the permissions the plan's role has" }),
            ),
          }),
        ]),
        response: Envelope(T.Union([PlanWithOptions, T.Null()])),
        detail: { summary: 'One plan by id (owner/name); data is null when there is none', tags: ['Plans'] },
      },
    )
    .get(
      '/api/get-product',
      async ({ identity, query }) => {
        const product = await getObject(context, productKind, identity, requireParameter(query.id, 'id'));
        if (!product) return ok(null);
        const providerObjs: Provider[] = [];
        for (const name of product.providers) {
          const provider = name ? await findPaymentProvider(context, product.owner, name) : undefined;
          if (provider) providerObjs.push(presentTo(context, providerKind, identity, provider));
        }
        return ok({ ...product, providerObjs });
      },
      {
        admin: true,
        query: IdQuery,
        response: Envelope(T.Union([ProductWithProviders, T.Null()])),
        detail: {
          summary: 'One product by id (owner/name), with its providers; data is null when there is none',
          tags: ['Products'],
        },
      },
    )
    .post(
      '/api/add-transaction',
      async ({ identity, query, body, request }) => {
        const caller = callerOf(identity);
        const named = { ...body, name: body.name || transactionName() };
        if (query.dryRun) {
          // Checked as an add would be, the balance included, and nothing written.
          const prepared = await prepareNewObject(context, transactionKind, caller, named);
          await moveBalance(context.db, prepared.object, 1, false);
          noteAuditOrganization(request, prepared.organization);
          return ok('');
        }
        const result = await addObject(context, transactionKind, caller, named);
        noteAuditOrganization(request, result.organization);
        return ok(String(named.name));
      },
      {
        admin: true,
        parse: objectBodyOf(transactionKind.schema),
        body: writeSchema(transactionKind.schema),
        query: T.Object({
          dryRun: T.Optional(
            T.String({ description: 'Any value: check the transaction (and the balance it moves) without adding it' }),
          ),
        }),
        response: T.Union([
          Envelope(T.String({ description: "The new transaction's name (empty for a dry run)" })),
          AffectedEnvelope,
        ]),
        detail: {
          summary: 'Add a transaction (named by the server when the body names none); data is its name',
          tags: ['Transactions'],
        },
      },
    );
}
