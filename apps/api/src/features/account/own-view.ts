import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { maskUser } from '../users/mask.ts';
import { isProviderTokenProperty } from '../users/provider-tokens.ts';

/** Whether showing the user to themselves opens a sealed secret: their access secret or a provider's token. */
export function showsSecrets(user: Readonly<User>): boolean {
  if (user.accessSecret || user.originalToken || user.originalRefreshToken) return true;
  for (const key in user.properties) if (isProviderTokenProperty(key) && user.properties[key]) return true;
  return false;
}

/** The user as shown to themselves: masked (maskUser), with their own sealed secrets opened. */
export function ownView(context: AppContext, user: Readonly<User>): User {
  return maskUser(user, { revealAccessSecret: true, secrets: context.secrets });
}
