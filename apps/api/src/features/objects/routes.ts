import { AffectedEnvelope, Envelope } from '@latchkey/types';
import { Type as T, type TSchema } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { requireSignedIn } from '../../core/identity/privileges.ts';
import { affected, ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { noteAuditOrganization } from './audit-target.ts';
import { objectBodyOf } from './body.ts';
import { requireParameter } from './id.ts';
import type { AnyObject, Caller, ObjectKind } from './kind.ts';
import { ListQuery } from './list-query.ts';
import { getObject, listObjects } from './read-service.ts';
import { writeSchema } from './write-schema.ts';
import { addObject, deleteObject, updateObject, type WriteResult } from './write-service.ts';

export function callerOf(identity: Identity): Caller {
  requireSignedIn(identity);
  return { identity, id: identity.id };
}

export const IdQuery = T.Object({ id: T.Optional(T.String({ description: 'owner/name' })) });
export const ScopeQuery = T.Object({
  owner: T.Optional(T.String({ description: 'The organization ("admin" for objects owned by no organization)' })),
  organization: T.Optional(T.String({ description: 'The organization, for objects owned by "admin"' })),
});
export const WithSecretQuery = T.Object({
  withSecret: T.Optional(T.String({ description: '1: show secrets (global administrators only)' })),
});
export const ObjectListQuery = T.Composite([ListQuery, ScopeQuery, WithSecretQuery]);
export const UpdateQuery = T.Object({
  id: T.Optional(T.String({ description: 'The id (owner/name) the object has now; the body may rename it' })),
  columns: T.Optional(
    T.String({ description: 'Comma-separated fields to take from the body; the others stay as they are' }),
  ),
});

/** What get-<objects> answers: the objects, and with p and pageSize the total count in data2. */
export const ListEnvelope = <S extends TSchema>(schema: S) =>
  Envelope(
    T.Array(schema),
    T.Union([T.Integer({ description: 'The total count, when p and pageSize are given' }), T.Null()]),
  );
/** What get-<object> answers: the object, or null when there is none (or the caller may not see it). */
export const OneEnvelope = <S extends TSchema>(schema: S) => Envelope(T.Union([schema, T.Null()]));

export interface ObjectRouteOptions {
  /** Routes this kind serves itself (with extra parameters), left out here. */
  omit?: readonly ('list' | 'get' | 'add' | 'update' | 'delete')[];
}

/** The answer to a write, after noting the organization it concerned for the audit log. */
export function writeAnswer(request: Request, result: WriteResult) {
  noteAuditOrganization(request, result.organization);
  return affected(result.changed);
}

/** get-<objects>, get-<object>, add-, update- and delete-<object> for one kind, as Casdoor names and shapes them. */
export function objectRoutes<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  options: ObjectRouteOptions = {},
) {
  const omit = new Set(options.omit ?? []);
  const body = writeSchema(kind.schema);
  const parse = objectBodyOf(kind.schema);
  const tags = [kind.tag];
  // No prefix here: modules mount these next to their own /api routes.
  const app = new Elysia({ name: `objects:${kind.plural}` }).use(auth(context));
  if (!omit.has('list')) {
    app.get(
      `/api/get-${kind.plural}`,
      async ({ identity, query }) => {
        const result = await listObjects(context, kind, identity, { query, withSecret: query.withSecret === '1' });
        return ok(result.data, result.data2);
      },
      {
        audience: kind.audience.list,
        query: ObjectListQuery,
        response: ListEnvelope(kind.schema),
        detail: { summary: `List ${kind.plural} (p, pageSize, field, value, sortField, sortOrder)`, tags },
      },
    );
  }
  if (!omit.has('get')) {
    app.get(
      `/api/get-${kind.name}`,
      async ({ identity, query }) =>
        ok(await getObject(context, kind, identity, requireParameter(query.id, 'id'), query.withSecret === '1')),
      {
        audience: kind.audience.get,
        query: T.Composite([IdQuery, WithSecretQuery]),
        response: OneEnvelope(kind.schema),
        detail: { summary: `One ${kind.name} by id (owner/name); data is null when there is none`, tags },
      },
    );
  }
  if (!omit.has('add')) {
    app.post(
      `/api/add-${kind.name}`,
      async ({ identity, body, request }) =>
        writeAnswer(request, await addObject(context, kind, callerOf(identity), body)),
      {
        audience: kind.audience.write,
        parse,
        body,
        response: AffectedEnvelope,
        detail: { summary: `Add a ${kind.name}`, tags },
      },
    );
  }
  if (!omit.has('update')) {
    app.post(
      `/api/update-${kind.name}`,
      async ({ identity, body, query, request }) =>
        writeAnswer(
          request,
          await updateObject(context, kind, callerOf(identity), {
            id: requireParameter(query.id, 'id'),
            body,
            columns: query.columns,
          }),
        ),
      {
        audience: kind.audience.update ?? kind.audience.write,
        parse,
        body,
        query: UpdateQuery,
        response: AffectedEnvelope,
        detail: { summary: `Update (or rename) a ${kind.name}`, tags },
      },
    );
  }
  if (!omit.has('delete')) {
    app.post(
      `/api/delete-${kind.name}`,
      async ({ identity, body, query, request }) =>
        writeAnswer(request, await deleteObject(context, kind, callerOf(identity), { id: query.id, body })),
      {
        audience: kind.audience.write,
        parse,
        body,
        query: IdQuery,
        response: AffectedEnvelope,
        detail: { summary: `Delete a ${kind.name}`, tags },
      },
    );
  }
  return app;
}

/** get-global-<objects>: the objects of every organization, for global administrators. */
export function globalListRoute<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>) {
  return new Elysia({ name: `objects:global-${kind.plural}` }).use(auth(context)).get(
    `/api/get-global-${kind.plural}`,
    async ({ identity, query }) => {
      const result = await listObjects(context, kind, identity, {
        query,
        global: true,
        withSecret: query.withSecret === '1',
      });
      return ok(result.data, result.data2);
    },
    {
      globalAdmin: true,
      query: ObjectListQuery,
      response: ListEnvelope(kind.schema),
      detail: { summary: `List the ${kind.plural} of every organization`, tags: [kind.tag] },
    },
  );
}
