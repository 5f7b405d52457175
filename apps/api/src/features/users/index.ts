import { countRows } from '@latchkey/db';
import { AffectedEnvelope, Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { listScope } from '../objects/access.ts';
import { noteAuditAction } from '../objects/audit-target.ts';
import { objectBodyOf } from '../objects/body.ts';
import { formatId } from '../objects/id.ts';
import { listObjects } from '../objects/read-service.ts';
import {
  callerOf,
  globalListRoute,
  ListEnvelope,
  ObjectListQuery,
  OneEnvelope,
  objectRoutes,
  UpdateQuery,
  writeAnswer,
} from '../objects/routes.ts';
import { writeSchema } from '../objects/write-schema.ts';
import { updateObject } from '../objects/write-service.ts';
import { exportUsersRoute } from './export/route.ts';
import { userKind } from './kind.ts';
import { lookUpUser } from './lookup.ts';
import { uploadUsersRoute } from './upload/route.ts';

const tags = ['Users'];

function onlineFlag(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const flag = ({ true: 1, '1': 1, false: 0, '0': 0 } as Record<string, number>)[value.toLowerCase()];
  if (flag === undefined) throw new ApiError('general.invalid_parameter', { name: 'isOnline' });
  return flag;
}

/** The audit action of an update of a user's language alone (the console's language switch). */
export const LANGUAGE_ACTION = 'set-user-language';

/** Users: the generic object routes, plus group members, counts, look-ups by email/phone/UUID, self-service updates, uploads and exports. */
export function userRoutes(context: AppContext) {
  return new Elysia({ name: 'users' })
    .use(objectRoutes(context, userKind, { omit: ['list', 'get', 'update'] }))
    .use(globalListRoute(context, userKind))
    .use(auth(context))
    .get(
      '/api/get-users',
      async ({ identity, query }) => {
        const owner = query.owner || identity.organization;
        const filters = query.groupName
          ? [{ column: 'groups', match: 'contains' as const, value: JSON.stringify(formatId(owner, query.groupName)) }]
          : [];
        const result = await listObjects(context, userKind, identity, { query, filters });
        return ok(result.data, result.data2);
      },
      {
        admin: true,
        query: T.Composite([
          ObjectListQuery,
          T.Object({ groupName: T.Optional(T.String({ description: 'Only the members of this group' })) }),
        ]),
        response: ListEnvelope(userKind.schema),
        detail: {
          summary: 'List the users of an organization (p, pageSize, field, value, sortField, sortOrder, groupName)',
          tags,
        },
      },
    )
    .get(
      '/api/get-user-count',
      async ({ identity, query }) => {
        const online = onlineFlag(query.isOnline);
        const scope = { table: 'user' as const, ...listScope(userKind, identity, query) };
        // The total is kept per organization; online users are few and indexed, so offline = total - online.
        const total = online === 1 ? 0 : await countRows(context.db, context.dialect, scope);
        if (online === undefined) return ok(total);
        const onlineCount = await countRows(context.db, context.dialect, {
          ...scope,
          filters: [{ column: 'isOnline', match: 'equals', value: 1 }],
        });
        return ok(online === 1 ? onlineCount : total - onlineCount);
      },
      {
        admin: true,
        query: T.Object({
          owner: T.Optional(T.String()),
          isOnline: T.Optional(T.String({ description: 'true/1: users online; false/0: users offline; empty: all' })),
        }),
        response: Envelope(T.Integer({ examples: [42] })),
        detail: { summary: 'How many users an organization has', tags },
      },
    )
    .get('/api/get-user', async ({ identity, query }) => ok(await lookUpUser(context, identity, query)), {
      signedIn: true,
      query: T.Object({
        id: T.Optional(T.String({ description: 'owner/name' })),
        owner: T.Optional(T.String()),
        email: T.Optional(T.String()),
        phone: T.Optional(T.String()),
        userId: T.Optional(T.String({ description: "The user's UUID" })),
      }),
      response: OneEnvelope(userKind.schema),
      detail: {
        summary: 'One user by id, or by owner and email, phone or userId; data is null when there is none',
        tags,
      },
    })
    .post(
      '/api/update-user',
      async ({ identity, body, query, request }) => {
        let id = query.id;
        if (!id && query.userId) {
          const user = await lookUpUser(context, identity, { owner: query.owner, userId: query.userId });
          if (!user) throw new ApiError('object.user_not_found', { id: query.userId });
          id = formatId(user.owner, user.name);
        }
        id ||= identity.kind === 'user' ? identity.id : '';
        if (!id) throw new ApiError('general.missing_parameter', { name: 'id' });
        // A language switch is a preference, not the change of a user's record that auditors look for.
        if (query.columns?.trim() === 'language') noteAuditAction(request, LANGUAGE_ACTION);
        return writeAnswer(
          request,
          await updateObject(context, userKind, callerOf(identity), { id, body, columns: query.columns }),
        );
      },
      {
        signedIn: true,
        parse: objectBodyOf(userKind.schema),
        body: writeSchema(userKind.schema),
        query: T.Composite([
          UpdateQuery,
          T.Object({
            userId: T.Optional(T.String()),
            owner: T.Optional(T.String()),
            allowEmpty: T.Optional(T.String()),
          }),
        ]),
        response: AffectedEnvelope,
        detail: {
          summary: 'Update a user (a user may update their own profile); by id, by owner + userId, or the caller',
          tags,
        },
      },
    )
    .use(uploadUsersRoute(context))
    .use(exportUsersRoute(context));
}
