import { findUser } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../../context.ts';
import { OAuthError } from '../../../errors/oauth-error.ts';

/** The end-user of a grant must still exist and be allowed to sign in. */
export async function checkUserMaySignIn(context: AppContext, organization: string, name: string): Promise<User> {
  const user = await findUser(context.db, organization, name);
  if (!user || user.isDeleted) throw new OAuthError('invalid_grant', 'oauth.user_gone');
  if (user.isForbidden) throw new OAuthError('invalid_grant', 'auth.user_forbidden');
  return user;
}
