import { findApplicationByClientId } from '@latchkey/db';
import type { Application } from '@latchkey/types';
import type { AppContext } from '../context.ts';
import { lookupCache } from './lookup-cache.ts';

const applications = lookupCache<Application>();

/**
 * The application with a client id, remembered for a second (lookup-cache.ts): the token
 * endpoint's hottest read. Reads that must see a change at once call findApplicationByClientId.
 */
export function rememberedApplicationByClientId(
  context: Pick<AppContext, 'db'>,
  clientId: string,
): Promise<Application | undefined> {
  if (!clientId) return Promise.resolve(undefined);
  return applications.get(context, clientId, () => findApplicationByClientId(context.db, clientId));
}
