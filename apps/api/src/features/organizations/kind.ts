import { findApplication } from '@latchkey/db';
import { Organization } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { notAllowed } from '../../core/identity/privileges.ts';
import { forgetApplicationOrigins } from '../../http/cors/allowed-origins.ts';
import { MASK } from '../objects/fields.ts';
import { defineKind } from '../objects/kind.ts';
import { terminateOrganizationAccess } from '../sso-logout/service.ts';
import { checkHttpUrls, checkLanguages, checkPasswordOptions, checkThemeData } from './branding.ts';
import { deleteOrganizationContent, renameOrganizationContent } from './content.ts';

/** The organization's addresses that pages, the console and messages render. */
const urlFields = ['websiteUrl', 'logo', 'logoDark', 'favicon', 'defaultAvatar'] as const;

/** What the sign-in pages and messages take from an organization is safe to render; its password rules are known. */
function checkOrganizationFields(organization: Organization, changed?: ReadonlySet<string>) {
  checkHttpUrls(organization, urlFields, changed);
  checkThemeData(organization.themeData, changed);
  checkLanguages(organization.languages, changed);
  checkPasswordOptions(organization.passwordOptions, changed);
}

const DEFAULT_LANGUAGES = ['en', 'zh', 'es', 'fr', 'de', 'ja', 'ko', 'pt', 'ru', 'it', 'pl', 'tr', 'uk', 'vi'];

async function checkDefaultApplication(context: AppContext, organization: Organization) {
  const name = organization.defaultApplication;
  if (!name || name === BUILT_IN_APPLICATION) return;
  const application = await findApplication(context.db, name);
  if (!application || application.organization !== organization.name)
    throw new ApiError('object.default_application_invalid', { name });
}

/**
 * Organizations: owned by "admin" and administered by their own admins, who may edit but neither
 * create, rename nor delete them (global administrators do that). Members read their own, with the
 * obfuscation key hidden. Renaming follows the name into every object of the organization; deleting
 * removes them all, so that no user, token or key of a deleted organization keeps working, and then
 * tells the applications of each user's ended sessions and tokens, as cutting off a user does.
 */
export const organizationKind = defineKind<Organization>({
  name: 'organization',
  schema: Organization,
  placement: 'organization-itself',
  audience: { list: 'signedIn', get: 'signedIn', write: 'admin' },
  listing: {
    filterable: { name: 'text', displayName: 'text', websiteUrl: 'text', defaultApplication: 'text' },
    sortable: ['createdTime', 'name', 'displayName'],
  },
  fields: { readOnly: ['passwordType'], secrets: ['passwordObfuscatorKey'] },
  builtIns: ['admin/built-in'],
  movable: true,
  viewableBy: (identity, organization) => identity.kind !== 'anonymous' && identity.organization === organization.name,
  present: (_context, organization, view) =>
    view.access === 'admin'
      ? organization
      : { ...organization, passwordSalt: '', passwordObfuscatorKey: organization.passwordObfuscatorKey ? MASK : '' },
  hooks: {
    prepareAdd: async (context, organization) => {
      if (organization.languages.length === 0) organization.languages = DEFAULT_LANGUAGES;
      if (organization.passwordOptions.length === 0) organization.passwordOptions = ['AtLeast8'];
      organization.passwordType = 'argon2id';
      organization.defaultTokenFormat ||= 'JWT';
      checkOrganizationFields(organization);
      await checkDefaultApplication(context, organization);
      return organization;
    },
    prepareUpdate: async (context, next, { changed }) => {
      checkOrganizationFields(next, changed);
      if (changed.has('defaultApplication')) await checkDefaultApplication(context, next);
      return next;
    },
    afterUpdate: async (trx, context, next, { stored }) => {
      if (next.name !== stored.name) await renameOrganizationContent(trx, context, stored.name, next.name);
    },
    checkDelete: async (_context, _organization, caller) => {
      if (!caller.identity.isGlobalAdmin) throw notAllowed();
    },
    afterDelete: async (trx, context, organization) => {
      const announce = await terminateOrganizationAccess(trx, context, organization.name);
      await deleteOrganizationContent(trx, context, organization.name);
      return announce;
    },
    // Deleting an organization deletes its applications, whose redirect URIs are CORS origins.
    afterCommit: (context) => forgetApplicationOrigins(context),
  },
});
