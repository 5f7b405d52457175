import {
  findApplication,
  findFirstApplicationOfOrganization,
  findProvidersNamed,
  organizationDefaultApplication,
} from '@latchkey/db';
import type { Application, Provider, User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { SignedInIdentity } from '../../core/identity/identity.ts';
import { ADMIN_OWNER } from '../objects/access.ts';

/** The categories of providers that routes use on a caller's behalf. */
export type ProviderCategory = 'Email' | 'SMS' | 'Storage';

/**
 * The application a caller acts through, as Casdoor picks it for its providers: an application
 * itself; for a user, their sign-up application, else their organization's default application,
 * else its first. Only an application of the caller's own organization counts.
 */
export async function applicationOfCaller(
  context: AppContext,
  identity: SignedInIdentity,
): Promise<Application | undefined> {
  if (identity.kind === 'application') return identity.application;
  return applicationOfUser(context, identity.user);
}

/** A user's application, as Casdoor picks it: their sign-up application, else their organization's default, else its first. */
export async function applicationOfUser(context: AppContext, user: User): Promise<Application | undefined> {
  for (const name of [user.signupApplication, await organizationDefaultApplication(context.db, user.owner)]) {
    if (!name) continue;
    const application = await findApplication(context.db, name);
    if (application?.organization === user.owner) return application;
  }
  return findFirstApplicationOfOrganization(context.db, user.owner);
}

/**
 * A provider of `category` that `organization` may use, by name: its own provider of that name,
 * else a global one (owner "admin"). Never another organization's.
 */
export async function namedProvider(
  context: AppContext,
  organization: string,
  name: string,
  category: ProviderCategory,
): Promise<Provider> {
  const candidates = await findProvidersNamed(context.db, name, organization);
  const provider = candidates.find((candidate) => candidate.owner === organization) ?? candidates[0];
  if (!provider) throw new ApiError('service.provider_not_found', { name });
  if (provider.category !== category) throw new ApiError('service.provider_wrong_category', { name, category });
  return provider;
}

/** The first provider of `category` that an application lists and its organization may use. */
export async function applicationProvider(
  context: AppContext,
  application: Application,
  category: ProviderCategory,
): Promise<Provider | undefined> {
  for (const item of application.providers) {
    if (!item.name) continue;
    const candidates = await findProvidersNamed(context.db, item.name, application.organization);
    const provider =
      candidates.find((candidate) => candidate.owner === (item.owner || application.organization)) ??
      (item.owner ? undefined : candidates[0]);
    if (provider?.category === category) return provider;
  }
  return undefined;
}

/**
 * The provider `owner/name` exactly, as Casdoor's console names the provider it tests: the caller's
 * organization's, a global one (owner "admin"), or, for a global administrator, any organization's.
 */
async function ownedProvider(
  context: AppContext,
  identity: SignedInIdentity,
  owner: string,
  name: string,
  category: ProviderCategory,
): Promise<Provider> {
  const reachable = owner === identity.organization || owner === ADMIN_OWNER || identity.isGlobalAdmin;
  const candidates = reachable ? await findProvidersNamed(context.db, name, owner) : [];
  const provider = candidates.find((candidate) => candidate.owner === owner);
  if (!provider) throw new ApiError('service.provider_not_found', { name });
  if (provider.category !== category) throw new ApiError('service.provider_wrong_category', { name, category });
  return provider;
}

/**
 * The organization a message through `provider` counts against (allowance and sending slots): the
 * provider's own, or the caller's for a global provider.
 */
export function sendingOrganization(identity: SignedInIdentity, provider: Provider): string {
  return provider.owner === ADMIN_OWNER ? identity.organization : provider.owner;
}

/**
 * The provider a request means, as Casdoor finds it: the one it names (under `owner` when the
 * request says whose, as Casdoor's console does), else the first of its category on the caller's
 * application. Undefined when the caller's application has none.
 */
export async function providerForCaller(
  context: AppContext,
  identity: SignedInIdentity,
  category: ProviderCategory,
  name?: string,
  owner?: string,
): Promise<Provider | undefined> {
  if (name && owner) return ownedProvider(context, identity, owner, name, category);
  if (name) return namedProvider(context, identity.organization, name, category);
  const application = await applicationOfCaller(context, identity);
  return application ? applicationProvider(context, application, category) : undefined;
}
