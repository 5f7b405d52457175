import { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { ADMIN_OWNER } from '../objects/access.ts';
import { MASK } from '../objects/fields.ts';
import { defineKind } from '../objects/kind.ts';

const SECRETS = ['clientSecret', 'clientSecret2'] as const;

function sealSecrets(context: AppContext, provider: Provider, changed?: ReadonlySet<string>): Provider {
  // A storage path may never climb out of its folder (Casdoor's CVE-2026-6815).
  if (provider.pathPrefix.split(/[\\/]/).includes('..')) throw new ApiError('object.path_prefix_invalid');
  for (const field of SECRETS)
    if (!changed || changed.has(field)) provider[field] = context.secrets.seal(provider[field]);
  return provider;
}

/**
 * Third-party providers (OAuth, email, SMS, storage …): global ones owned by "admin", and an
 * organization's own. Their secrets are sealed at rest and shown as "***" unless a global
 * administrator asks with withSecret=1; sending "***" back keeps the stored secret.
 */
export const providerKind = defineKind<Provider>({
  name: 'provider',
  schema: Provider,
  placement: 'global-or-organization',
  listing: {
    filterable: { name: 'text', displayName: 'text', category: 'exact', type: 'exact', clientId: 'exact' },
    sortable: ['createdTime', 'name', 'displayName', 'category', 'type'],
  },
  fields: { secrets: SECRETS },
  viewableBy: (identity, provider) => provider.owner === ADMIN_OWNER && identity.isOrgAdmin,
  present: (context, provider, view) => {
    const shown = { ...provider };
    for (const field of SECRETS)
      shown[field] = provider[field] ? (view.withSecret ? context.secrets.open(provider[field]) : MASK) : '';
    return shown;
  },
  hooks: {
    prepareAdd: (context, provider) => sealSecrets(context, provider),
    prepareUpdate: (context, provider, { changed }) => sealSecrets(context, provider, changed),
  },
  // Applications list the providers they sign in and notify with.
  references: [
    { table: 'application', column: 'providers', holds: 'item-list', within: 'organization' },
    // Products and plans are paid through payment providers; payments and transactions name theirs.
    { table: 'product', column: 'providers', holds: 'name-list', within: 'owner' },
    { table: 'plan', column: 'paymentProviders', holds: 'name-list', within: 'owner' },
    { table: 'payment', column: 'provider', holds: 'name', within: 'owner' },
    { table: 'transaction', column: 'provider', holds: 'name', within: 'owner' },
  ],
});
