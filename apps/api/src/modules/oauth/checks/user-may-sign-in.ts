import type { TokenRecord } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../../context.ts';
import { OAuthError } from '../../../errors/oauth-error.ts';
import { findTokenUser } from '../../../tokens/token-user.ts';

/** The end-user of a grant (a code or a refresh token) must still be the same user, and allowed to sign in. */
export async function checkUserMaySignIn(context: AppContext, grant: Pick<TokenRecord, 'organization' | 'user' | 'userId'>): Promise<User> {
  const user = await findTokenUser(context, grant);
  if (!user || user.isDeleted) throw new OAuthError('invalid_grant', 'oauth.user_gone');
  if (user.isForbidden) throw new OAuthError('invalid_grant', 'auth.user_forbidden');
  return user;
}
