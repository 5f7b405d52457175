import { findUser } from '@latchkey/db';
import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import type { UserIdentity } from '../../../core/identity/identity.ts';
import { requireAdminOf } from '../../../core/identity/privileges.ts';
import { distinct, grantsOf } from '../../../core/tokens/user-grants.ts';
import { ok } from '../../../http/envelope.ts';
import { auth } from '../../../http/plugins/auth.ts';
import { parseArrayBody } from '../../objects/body.ts';
import { parseId } from '../../objects/id.ts';
import { batchEnforceRequests, enforceRequest } from './request.ts';
import { enforce } from './service.ts';

const tags = ['Enforcement'];
const TargetQuery = T.Object({
  permissionId: T.Optional(T.String({ description: 'A permission (owner/name)' })),
  modelId: T.Optional(T.String({ description: 'Every permission of a model (owner/name)' })),
  resourceId: T.Optional(T.String({ description: 'Every permission naming a resource' })),
  enforcerId: T.Optional(T.String({ description: 'An enforcer (owner/name)' })),
  owner: T.Optional(T.String({ description: 'Every permission of an organization' })),
});
const EnforceBody = T.Array(T.Unknown(), {
  description: 'One Casbin request: its values in the order of the model’s request definition',
  examples: [['acme/alice', 'data1', 'read']],
});
const BatchEnforceBody = T.Array(T.Unknown(), {
  description: 'A list of Casbin requests, each a list of values',
  examples: [
    [
      ['acme/alice', 'data1', 'read'],
      ['acme/bob', 'data2', 'write'],
    ],
  ],
});
const ModelKeys = T.Array(T.String({ description: 'model/adapter' }), {
  description: 'The model and adapter of each answer',
});
const Names = Envelope(T.Array(T.String()));
const UserQuery = T.Object({
  userId: T.Optional(T.String({ description: 'Another user (owner/name), for their administrators' })),
});

/** The signed-in user, or the user `userId` names when the caller administers that user's organization. */
async function subjectUser(context: AppContext, identity: UserIdentity, userId: string | undefined) {
  if (!userId || userId === identity.id) return identity.user;
  const { owner, name } = parseId(userId);
  requireAdminOf(identity, owner);
  const user = await findUser(context.db, owner, name);
  if (!user) throw new ApiError('object.user_not_found', { id: userId });
  return user;
}

/** Casbin enforcement (enforce, batch-enforce) and what the signed-in user may do (get-all-objects, -actions, -roles). */
export function enforceRoutes(context: AppContext) {
  return new Elysia({ name: 'enforce' })
    .use(auth(context))
    .post(
      '/api/enforce',
      async ({ identity, query, body }) => {
        const { results, keys } = await enforce(context, identity, query, [enforceRequest(body)]);
        return ok(
          results.map((answers) => answers[0]!),
          keys,
        );
      },
      {
        signedIn: true,
        parse: parseArrayBody,
        query: TargetQuery,
        body: EnforceBody,
        response: Envelope(T.Array(T.Boolean()), ModelKeys),
        detail: {
          summary: 'Evaluate one Casbin request; data holds one answer per model and adapter, data2 their keys',
          tags,
        },
      },
    )
    .post(
      '/api/batch-enforce',
      async ({ identity, query, body }) => {
        const { results, keys } = await enforce(context, identity, query, batchEnforceRequests(body));
        return ok(results, keys);
      },
      {
        signedIn: true,
        parse: parseArrayBody,
        query: TargetQuery,
        body: BatchEnforceBody,
        response: Envelope(T.Array(T.Array(T.Boolean())), ModelKeys),
        detail: {
          summary: 'Evaluate many Casbin requests; data holds one list of answers per model and adapter',
          tags,
        },
      },
    )
    .get(
      '/api/get-all-objects',
      async ({ identity, query }) =>
        ok(
          distinct(
            (await grantsOf(context, await subjectUser(context, identity, query.userId))).permissions.flatMap(
              (p) => p.resources,
            ),
          ),
        ),
      {
        user: true,
        query: UserQuery,
        response: Names,
        detail: { summary: 'Every resource the signed-in user holds a permission on', tags },
      },
    )
    .get(
      '/api/get-all-actions',
      async ({ identity, query }) =>
        ok(
          distinct(
            (await grantsOf(context, await subjectUser(context, identity, query.userId))).permissions.flatMap(
              (p) => p.actions,
            ),
          ),
        ),
      {
        user: true,
        query: UserQuery,
        response: Names,
        detail: { summary: 'Every action the signed-in user holds a permission for', tags },
      },
    )
    .get(
      '/api/get-all-roles',
      async ({ identity, query }) =>
        ok(
          (await grantsOf(context, await subjectUser(context, identity, query.userId))).roles.map((role) => role.name),
        ),
      {
        user: true,
        query: UserQuery,
        response: Names,
        detail: { summary: 'The names of the roles the signed-in user holds', tags },
      },
    );
}
