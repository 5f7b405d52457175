import { findProvidersNamed } from '@latchkey/db';
import type { Application, Provider, ProviderItem as ProviderItemSchema } from '@latchkey/types';
import type { Static } from '@sinclair/typebox';

type ProviderItem = Static<typeof ProviderItemSchema>;

import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { type ProviderType, signInProviderType } from './provider-types.ts';

/** A provider an application offers for signing in, with the application's rules for it. */
export interface SignInProvider {
  item: ProviderItem;
  provider: Provider;
  type: ProviderType;
}

export const providerId = (provider: Pick<Provider, 'owner' | 'name'>) => `${provider.owner}/${provider.name}`;

/**
 * The provider an application's item names: one of the application's organization, or a global
 * one (owner "admin") — never another organization's, whatever the item says.
 */
async function providerOfItem(context: AppContext, application: Application, item: ProviderItem) {
  if (!item.name) return undefined;
  const candidates = await findProvidersNamed(context.db, item.name, application.organization);
  return (
    candidates.find((candidate) => candidate.owner === (item.owner || application.organization)) ??
    (item.owner ? undefined : candidates.find((candidate) => candidate.owner === 'admin'))
  );
}

/** The OAuth providers an application lists (Casdoor's `providers` items), in its order, with their rules. */
export async function signInProvidersOf(context: AppContext, application: Application): Promise<SignInProvider[]> {
  const found: SignInProvider[] = [];
  for (const item of application.providers) {
    const provider = await providerOfItem(context, application, item);
    const type = provider && signInProviderType(provider);
    if (provider && type) found.push({ item, provider, type });
  }
  return found;
}

/** One of them by the provider's name, or the error that the application does not offer it. */
export async function signInProviderOf(
  context: AppContext,
  application: Application,
  name: string,
): Promise<SignInProvider> {
  const found = (await signInProvidersOf(context, application)).find((entry) => entry.provider.name === name);
  if (!found) throw new ApiError('federation.provider_not_enabled', { provider: name });
  return found;
}

/** Whether the item shows a sign-in button (Casdoor shows one when either is allowed). */
export const offersSignIn = (item: ProviderItem) => item.canSignIn || item.canSignUp;
