import type { AppContext } from '../../context.ts';
import { ApiError } from '../../errors/api-error.ts';
import { type UserIdentity, userIdentity } from '../identity.ts';
import { signInWithPassword } from '../password-signin.ts';

/** `username=<organization>/<name>&password=…` in the query (discouraged; never logged). Lockout applies. */
export async function identityFromUsernamePassword(
  context: AppContext,
  username: string,
  password: string,
  clientIp: string,
): Promise<UserIdentity> {
  const slash = username.indexOf('/');
  if (slash <= 0 || slash !== username.lastIndexOf('/') || slash === username.length - 1)
    throw new ApiError('auth.username_needs_organization');
  const user = await signInWithPassword(context, {
    organization: username.slice(0, slash),
    username: username.slice(slash + 1),
    password,
    clientIp,
  });
  return userIdentity(user, 'password');
}
