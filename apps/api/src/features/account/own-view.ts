import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { freezeRow } from '../../core/tokens/frozen-row.ts';
import { maskUser } from '../users/mask.ts';
import { isProviderTokenProperty } from '../users/provider-tokens.ts';

/** Views of remembered users (the bearer cache's, frozen), kept as long as the remembered user is. */
const views = new WeakMap<Readonly<User>, Readonly<User>>();

/** Whether showing the user to themselves opens a sealed secret: their access secret or a provider's token. */
export function showsSecrets(user: Readonly<User>): boolean {
  if (user.accessSecret || user.originalToken || user.originalRefreshToken) return true;
  for (const key in user.properties) if (isProviderTokenProperty(key) && user.properties[key]) return true;
  return false;
}

/**
 * The user as shown to themselves (maskUser, revealing their own secrets). For a remembered user
 * (`remembered`: frozen, the same object until the memory forgets it) with no sealed secret to open,
 * the view is made once and shared, frozen, by every later request; a view that holds an opened
 * secret is made afresh each time, so that no plain secret is kept in memory.
 */
export function ownView(context: AppContext, user: Readonly<User>, remembered: boolean): Readonly<User> {
  if (!remembered || showsSecrets(user)) return maskUser(user, { revealAccessSecret: true, secrets: context.secrets });
  let view = views.get(user);
  if (!view) {
    view = freezeRow(maskUser(user, { revealAccessSecret: true, secrets: context.secrets }));
    views.set(user, view);
  }
  return view;
}
