import type { User } from '@latchkey/types';
import type { AppContext } from '../../context.ts';
import type { UserIdentity } from '../../identity/identity.ts';
import { endAllUserAccess, endCurrentAccess, type EndedAccess } from './end-access.ts';
import { notifyLogout } from './notify.ts';

/** Casdoor's `logoutAll`: absent, "true" or "1" mean every session and token; anything else only the current one. */
export function logoutEverywhere(logoutAll: string | undefined): boolean {
  return logoutAll === undefined || logoutAll === '' || logoutAll === 'true' || logoutAll === '1';
}

/**
 * SSO logout of the calling user: everywhere (every session deleted, every token expired) or only
 * the current session. The notifications go out afterwards, in the background.
 */
export async function ssoLogout(context: AppContext, identity: UserIdentity, everywhere: boolean): Promise<EndedAccess> {
  const ended = everywhere ? await endAllUserAccess(context, identity.user) : await endCurrentAccess(context, identity);
  notifyLogout(context, identity.user, ended, everywhere ? 'all' : 'session');
  return ended;
}

/**
 * Cuts a user off at once — every session and token ended, applications notified — as Casdoor does
 * when an administrator deletes or disables a user.
 */
export async function terminateUserAccess(context: AppContext, user: User): Promise<EndedAccess> {
  const ended = await endAllUserAccess(context, user);
  notifyLogout(context, user, ended, 'all');
  return ended;
}
