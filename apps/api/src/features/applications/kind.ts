import {
  deleteRows,
  findApplication,
  findApplicationByClientId,
  findCertForOrganization,
  findFirstApplicationOfOrganization,
  findOrganization,
  organizationDefaultTokenFormat,
} from '@latchkey/db';
import { Application } from '@latchkey/types';
import { BUILT_IN_CERT } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { randomHex } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { checkLifetimes } from '../../core/tokens/lifetimes.ts';
import { forgetLookups } from '../../core/tokens/lookup-cache.ts';
import { forgetApplicationOrigins } from '../../http/cors/allowed-origins.ts';
import { ADMIN_OWNER } from '../objects/access.ts';
import { defineKind } from '../objects/kind.ts';
import { checkHttpUrls, checkThemeData } from '../organizations/branding.ts';
import { adminApplication, publicApplication } from './present.ts';
import { checkRedirectUris } from './redirect-uris.ts';

/** The application's addresses that sign-in pages and the console render or link to. */
const urlFields = [
  'logo',
  'homepageUrl',
  'termsOfUse',
  'signupUrl',
  'signinUrl',
  'forgetUrl',
  'affiliationUrl',
] as const;

async function checkClientId(context: AppContext, application: Application): Promise<void> {
  const holder = await findApplicationByClientId(context.db, application.clientId);
  if (holder && holder.name !== application.name) throw new ApiError('object.client_id_taken');
}

async function checkCert(context: AppContext, application: Application): Promise<void> {
  const cert = await findCertForOrganization(context.db, application.cert, application.organization);
  if (!cert || (cert.owner !== ADMIN_OWNER && cert.owner !== application.organization))
    throw new ApiError('object.cert_not_found', { name: application.cert });
}

/**
 * Applications: owned by "admin", administered by the admins of their `organization`, who alone
 * see the client secret (stored sealed). Anyone may read the public view a sign-in page needs. A
 * new application gets a client id and secret, the built-in cert and Casdoor's usual defaults.
 */
export const applicationKind = defineKind<Application>({
  name: 'application',
  schema: Application,
  placement: 'admin-with-organization',
  audience: { list: 'admin', get: 'anyone', write: 'admin' },
  listing: {
    filterable: { name: 'text', displayName: 'text', organization: 'text', clientId: 'exact', description: 'text' },
    sortable: ['createdTime', 'name', 'displayName', 'organization'],
  },
  fields: { globalOnly: ['isShared'], secrets: ['clientSecret'] },
  builtIns: ['admin/app-built-in'],
  movable: true,
  viewableBy: () => true,
  present: (context, application, view) =>
    view.access === 'admin' ? adminApplication(application, context.secrets) : publicApplication(application),
  hooks: {
    prepareAdd: async (context, application) => {
      application.clientId ||= randomHex(10);
      application.clientSecret = context.secrets.seal(application.clientSecret || randomHex(20));
      application.cert ||= BUILT_IN_CERT;
      if (application.grantTypes.length === 0) application.grantTypes = ['authorization_code'];
      if (application.signinMethods.length === 0)
        application.signinMethods = [{ name: 'Password', displayName: 'Password', rule: 'All' }];
      application.expireInHours ||= 168;
      application.cookieExpireInHours ||= 720;
      application.failedSigninLimit ||= 5;
      application.failedSigninFrozenTime ||= 15;
      checkLifetimes(application);
      checkRedirectUris(application);
      checkHttpUrls(application, urlFields, undefined);
      checkThemeData(application.themeData, undefined);
      if (!application.tokenFormat) {
        application.tokenFormat = (await organizationDefaultTokenFormat(context.db, application.organization)) || 'JWT';
      }
      await checkClientId(context, application);
      await checkCert(context, application);
      return application;
    },
    prepareUpdate: async (context, next, { changed }) => {
      checkLifetimes(next);
      if (changed.has('redirectUris')) checkRedirectUris(next);
      checkHttpUrls(next, urlFields, changed);
      checkThemeData(next.themeData, changed);
      if (changed.has('clientSecret')) next.clientSecret = context.secrets.seal(next.clientSecret || randomHex(20));
      if (changed.has('clientId')) {
        if (!next.clientId) throw new ApiError('general.missing_parameter', { name: 'clientId' });
        await checkClientId(context, next);
      }
      if (changed.has('cert') || changed.has('organization')) await checkCert(context, next);
      return next;
    },
    // The CORS origins come from the applications' redirect URIs; the token endpoint remembers applications for a second.
    afterCommit: (context) => {
      forgetApplicationOrigins(context);
      forgetLookups(context);
    },
    afterDelete: async (trx, _context, application) => {
      // Nothing issued for a deleted application keeps working.
      for (const table of ['token', 'session', 'session_group', 'key'] as const)
        await deleteRows(trx, table, { application: application.name });
    },
  },
  references: [
    { table: 'token', column: 'application', holds: 'name' },
    { table: 'session', column: 'application', holds: 'name' },
    { table: 'session_group', column: 'application', holds: 'name' },
    { table: 'key', column: 'application', holds: 'name' },
    { table: 'user', column: 'signupApplication', holds: 'name' },
    { table: 'invitation', column: 'application', holds: 'name' },
    { table: 'organization', column: 'defaultApplication', holds: 'name' },
    // Only a note on the pricing (nothing signs in or pays through it): it may name an application not added yet, and names only its organization's.
    {
      table: 'pricing',
      column: 'application',
      holds: 'name',
      organizationColumn: 'owner',
      mayNameNothingYet: true,
    },
    { table: 'transaction', column: 'application', holds: 'name' },
  ],
});

/** The application an organization signs its users into: its default one, else its first. */
export async function defaultApplicationOf(
  context: AppContext,
  organization: string,
): Promise<Application | undefined> {
  const row = await findOrganization(context.db, organization);
  if (!row) return undefined;
  if (row.defaultApplication) {
    const application = await findApplication(context.db, row.defaultApplication);
    if (application) return application;
  }
  return findFirstApplicationOfOrganization(context.db, organization);
}
