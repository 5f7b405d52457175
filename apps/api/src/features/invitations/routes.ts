import { Envelope, Invitation } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { requestStateOf } from '../../http/request-state.ts';
import { parseArrayBody } from '../objects/body.ts';
import { requireParameter } from '../objects/id.ts';
import { IdQuery, objectRoutes } from '../objects/routes.ts';
import { invitationKind } from './kind.ts';
import { invitationInfo, sendInvitation, verifyInvitation } from './service.ts';

const tags = ['Invitations'];

const InfoQuery = T.Object({
  code: T.Optional(T.String({ description: 'The invitation code', examples: ['x7Kp2mQ9rTz4'] })),
  applicationId: T.Optional(
    T.String({ description: 'The application signed up to (admin/name)', examples: ['admin/app-acme'] }),
  ),
});

/**
 * Invitations: the generic object routes, get-invitation-info for sign-up pages (anyone, by code),
 * and verify-invitation and send-invitation for the organization's administrators.
 */
export function invitationRoutes(context: AppContext) {
  return new Elysia({ name: 'invitations' })
    .use(objectRoutes(context, invitationKind))
    .use(auth(context))
    .get(
      '/api/get-invitation-info',
      async ({ query }) =>
        ok(
          await invitationInfo(
            context,
            requireParameter(query.applicationId, 'applicationId'),
            requireParameter(query.code, 'code'),
          ),
        ),
      {
        anyone: true,
        query: InfoQuery,
        response: Envelope(Invitation),
        detail: {
          summary: 'What a sign-up page needs of an invitation code: the username, email and phone it fixes',
          description:
            'The code, quota, count, group and times are masked as in Casdoor; an unusable code is an error.',
          tags,
        },
      },
    )
    .get(
      '/api/verify-invitation',
      async ({ identity, query }) => {
        await verifyInvitation(context, identity, requireParameter(query.id, 'id'));
        return ok();
      },
      {
        admin: true,
        query: IdQuery,
        response: Envelope(T.Null()),
        detail: { summary: 'Check that an invitation can be used now (active, not expired, quota left)', tags },
      },
    )
    .post(
      '/api/send-invitation',
      async ({ identity, query, body, request }) => {
        await sendInvitation(
          context,
          identity,
          requireParameter(query.id, 'id'),
          body,
          requestStateOf(request).language,
        );
        return ok();
      },
      {
        admin: true,
        parse: parseArrayBody,
        query: IdQuery,
        body: T.Array(T.String(), { description: 'Email addresses', examples: [['alice@example.com']] }),
        response: Envelope(T.Null()),
        detail: {
          summary: "Email the invitation's code and sign-up link through the Email provider of its application",
          tags,
        },
      },
    );
}
