import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { canAdminister, notAllowed } from '../../core/identity/privileges.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { parseId, requireParameter } from '../objects/id.ts';
import { findObject, listObjects, presentTo } from '../objects/read-service.ts';
import { ListEnvelope, ObjectListQuery, objectRoutes } from '../objects/routes.ts';
import { userKind } from '../users/kind.ts';
import { applicationKind, defaultApplicationOf } from './kind.ts';

const tags = ['Applications'];

/** Applications: the generic object routes, plus a user's application and an organization's applications. */
export function applicationRoutes(context: AppContext) {
  return new Elysia({ name: 'applications' })
    .use(objectRoutes(context, applicationKind))
    .use(auth(context))
    .get(
      '/api/get-user-application',
      async ({ identity, query }) => {
        const id = parseId(requireParameter(query.id, 'id'));
        const user = await findObject(context, userKind, { owner: id.owner, name: id.name });
        if (!user) {
          if (!canAdminister(identity, id.owner)) throw notAllowed();
          throw new ApiError('object.user_not_found', { id: query.id! });
        }
        presentTo(context, userKind, identity, user);
        const application =
          (user.signupApplication &&
            (await findObject(context, applicationKind, { owner: 'admin', name: user.signupApplication }))) ||
          (await defaultApplicationOf(context, user.owner));
        if (!application) throw new ApiError('object.organization_has_no_application', { name: user.owner });
        return ok(presentTo(context, applicationKind, identity, application));
      },
      {
        signedIn: true,
        query: T.Object({ id: T.Optional(T.String({ description: 'The user, owner/name' })) }),
        response: Envelope(applicationKind.schema),
        detail: {
          summary:
            'The application a user signs in with (their sign-up application, else their organization’s default)',
          tags,
        },
      },
    )
    .get(
      '/api/get-organization-applications',
      async ({ identity, query }) => {
        const organization = requireParameter(query.organization, 'organization');
        const member = identity.organization === organization;
        if (!canAdminister(identity, organization) && !member) throw notAllowed();
        // Members see the public view of each application, administrators everything.
        const result = await listObjects(context, applicationKind, identity, {
          query: { ...query, owner: undefined, organization: undefined },
          global: true,
          filters: [{ column: 'organization', match: 'equals', value: organization }],
        });
        return ok(result.data, result.data2);
      },
      {
        signedIn: true,
        query: ObjectListQuery,
        response: ListEnvelope(applicationKind.schema),
        detail: { summary: 'The applications of one organization', tags },
      },
    );
}
