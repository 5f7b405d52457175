import { findProvidersNamed } from '@latchkey/db';
import type { Application, Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';

/** The rules of an application's provider item that cover a method, as Casdoor reads them. */
const coversMethod = (rule: string, method: string) =>
  rule === method || rule === '' || rule === 'All' || rule === 'all' || rule === 'None';

/**
 * The provider of a category an application lists for a method (Casdoor's
 * GetProviderByCategoryAndRule): the first item whose rule covers the method and that names a
 * provider of the category the application's organization may use (its own, else a global one).
 */
export async function applicationProviderFor(
  context: AppContext,
  application: Application,
  category: 'Email' | 'SMS',
  method: string,
): Promise<Provider | undefined> {
  for (const item of application.providers) {
    if (!item.name || !coversMethod(item.rule, method)) continue;
    const candidates = await findProvidersNamed(context.db, item.name, application.organization);
    const provider =
      candidates.find((candidate) => candidate.owner === (item.owner || application.organization)) ??
      (item.owner ? undefined : candidates.find((candidate) => candidate.owner === 'admin'));
    if (provider?.category === category) return provider;
  }
  return undefined;
}
