import { AffectedEnvelope, Envelope, Session } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { requireAdminOf } from '../../core/identity/privileges.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { parseObjectBody } from '../objects/body.ts';
import { requireParameter } from '../objects/id.ts';
import { type Listing, ListQuery, parseListQuery } from '../objects/list-query.ts';
import { callerOf, ListEnvelope, OneEnvelope, ScopeQuery, writeAnswer } from '../objects/routes.ts';
import { writeSchema } from '../objects/write-schema.ts';
import { listSessionGroups } from './aggregate.ts';
import {
  deleteSessionGroup,
  getSessionGroup,
  groupKeyOf,
  isSessionDuplicated,
  parseSessionPkId,
  writeSessionGroup,
} from './service.ts';

const tags = ['Sessions'];
const listing: Listing = {
  filterable: { name: 'text', application: 'exact' },
  sortable: ['createdTime', 'name', 'application'],
};
const PkQuery = T.Object({ sessionPkId: T.Optional(T.String({ description: 'organization/user/application' })) });
const body = writeSchema(Session);

/**
 * Casdoor's Session objects: one per user and application, listing the ids (SHA-256 of the
 * cookies) of that user's live sign-in sessions there. Deleting one ends those sessions.
 */
export function sessionRoutes(context: AppContext) {
  const write =
    (mode: 'add' | 'replace') =>
    async ({
      identity,
      body,
      request,
    }: {
      identity: Parameters<typeof callerOf>[0];
      body: Partial<Session>;
      request: Request;
    }) => {
      const caller = callerOf(identity);
      return writeAnswer(request, {
        changed: await writeSessionGroup(context, caller, body, mode),
        organization: groupKeyOf(body).owner,
      });
    };
  return new Elysia({ name: 'sessions' })
    .use(auth(context))
    .get(
      '/api/get-sessions',
      async ({ identity, query }) => {
        const owner = query.owner || (identity.isGlobalAdmin ? '' : identity.organization);
        if (owner) requireAdminOf(identity, owner);
        const result = await listSessionGroups(context, { owner }, parseListQuery(query, listing));
        return ok(result.data, result.total);
      },
      {
        admin: true,
        query: T.Composite([ListQuery, ScopeQuery]),
        response: ListEnvelope(Session),
        detail: { summary: 'List the sessions of an organization, grouped by user and application', tags },
      },
    )
    .get(
      '/api/get-session',
      async ({ identity, query }) =>
        ok(await getSessionGroup(context, identity, requireParameter(query.sessionPkId, 'sessionPkId'))),
      {
        admin: true,
        query: PkQuery,
        response: OneEnvelope(Session),
        detail: { summary: "One user's sessions in one application; data is null when there are none", tags },
      },
    )
    .post('/api/add-session', write('add'), {
      admin: true,
      parse: parseObjectBody,
      body,
      response: AffectedEnvelope,
      detail: { summary: 'Record session ids for a user and application', tags },
    })
    .post('/api/update-session', write('replace'), {
      admin: true,
      parse: parseObjectBody,
      body,
      response: AffectedEnvelope,
      detail: { summary: "Make the given session ids the user's only ones in the application", tags },
    })
    .post(
      '/api/delete-session',
      async ({ identity, body, query, request }) =>
        writeAnswer(request, {
          changed: await deleteSessionGroup(context, callerOf(identity), body, query.sessionId),
          organization: groupKeyOf(body).owner,
        }),
      {
        admin: true,
        parse: parseObjectBody,
        body,
        query: T.Object({
          id: T.Optional(T.String()),
          sessionId: T.Optional(T.String({ description: 'End only this session' })),
        }),
        response: AffectedEnvelope,
        detail: { summary: "End a user's sessions in an application (or only sessionId)", tags },
      },
    )
    .get(
      '/api/is-session-duplicated',
      async ({ identity, query }) => {
        const key = parseSessionPkId(requireParameter(query.sessionPkId, 'sessionPkId'));
        const self = identity.kind === 'user' && identity.organization === key.owner && identity.name === key.name;
        if (!self) requireAdminOf(identity, key.owner);
        return ok(await isSessionDuplicated(context, key, query.sessionId ?? ''));
      },
      {
        signedIn: true,
        query: T.Composite([PkQuery, T.Object({ sessionId: T.Optional(T.String()) })]),
        response: Envelope(T.Boolean()),
        detail: { summary: 'Whether the user has another session in the application than sessionId', tags },
      },
    );
}
