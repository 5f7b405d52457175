import { findApplication, findOrganization, listOrganizationNames } from '@latchkey/db';
import { isLanguage } from '@latchkey/i18n';
import { brandingOf, Envelope, SignInBranding } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { canAdminister, notAllowed } from '../../core/identity/privileges.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { applicationKind, defaultApplicationOf } from '../applications/kind.ts';
import { ADMIN_OWNER } from '../objects/access.ts';
import { parseId, requireParameter } from '../objects/id.ts';
import { findObject, presentTo } from '../objects/read-service.ts';
import { OneEnvelope, objectRoutes } from '../objects/routes.ts';
import { organizationKind } from './kind.ts';

const tags = ['Organizations'];

/** Organizations: the generic object routes, plus their names and their default application. */
export function organizationRoutes(context: AppContext) {
  return new Elysia({ name: 'organizations' })
    .use(objectRoutes(context, organizationKind))
    .use(auth(context))
    .get(
      '/api/get-organization-names',
      async ({ identity }) => {
        return ok(await listOrganizationNames(context.db, identity.isGlobalAdmin ? undefined : identity.organization));
      },
      {
        signedIn: true,
        query: T.Object({ owner: T.Optional(T.String()) }),
        response: Envelope(T.Array(T.Object({ owner: T.String(), name: T.String(), displayName: T.String() }))),
        detail: { summary: 'Names and display names of the organizations the caller may see', tags },
      },
    )
    .get(
      '/api/get-default-application',
      async ({ identity, query }) => {
        const { name } = parseId(requireParameter(query.id, 'id'));
        const organization = await findObject(context, organizationKind, { owner: ADMIN_OWNER, name });
        if (!organization) {
          if (identity.kind !== 'anonymous' && !canAdminister(identity, name) && identity.organization !== name)
            throw notAllowed();
          return ok(null);
        }
        const application = await defaultApplicationOf(context, name);
        return ok(application ? presentTo(context, applicationKind, identity, application) : null);
      },
      {
        anyone: true,
        query: T.Object({ id: T.Optional(T.String({ description: 'admin/<organization>' })) }),
        response: OneEnvelope(applicationKind.schema),
        detail: {
          summary: "An organization's default application (its public view for those who do not administer it)",
          tags,
        },
      },
    )
    .get(
      '/api/get-sign-in-branding',
      async ({ query }) => {
        // An application's pages take its organization's look; an organization's, its default application's.
        const application = query.application ? await findApplication(context.db, query.application) : undefined;
        const name = application?.organization ?? (query.application ? undefined : query.organization);
        const organization = name ? await findOrganization(context.db, name) : undefined;
        if (!organization) return ok(null);
        const source = application ?? (await defaultApplicationOf(context, organization.name));
        return ok({
          ...brandingOf(organization, source),
          languages: organization.languages.filter((language) => isLanguage(language)),
        });
      },
      {
        anyone: true,
        query: T.Object({
          organization: T.Optional(T.String({ description: 'An organization: its default application’s pages' })),
          application: T.Optional(T.String({ description: 'An application (takes precedence over organization)' })),
        }),
        response: Envelope(T.Union([SignInBranding, T.Null()])),
        detail: {
          summary:
            'What the sign-in pages of an organization or application show: logo, favicon, colour, website, terms of use and languages, each safe to render',
          tags,
        },
      },
    );
}
