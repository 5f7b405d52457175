import type { TokenRecord } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import { type SignInRefusal, signInRefusal } from '../../../core/identity/sign-in-rules.ts';
import { findTokenUser } from '../../../core/tokens/token-user.ts';

const refusals: Record<SignInRefusal, () => OAuthError> = {
  user_deleted: () => new OAuthError('invalid_grant', 'oauth.user_gone'),
  user_forbidden: () => new OAuthError('invalid_grant', 'auth.user_forbidden'),
  other_organization: () => new OAuthError('invalid_grant', 'oauth.user_gone'),
  application_disabled: () => new OAuthError('invalid_grant', 'oauth.signin_disabled'),
  organization_disabled: () => new OAuthError('invalid_grant', 'oauth.signin_disabled'),
};

/**
 * The end-user of a grant (a code or a refresh token) must still be the same user, and a fresh
 * sign-in to the client's application must be allowed now: what a sign-in would refuse (a
 * forbidden or deleted user, sign-in disabled for the application or the organization), no grant
 * turns into new tokens either.
 */
export async function checkUserMaySignIn(
  context: AppContext,
  application: Application,
  grant: Pick<TokenRecord, 'organization' | 'user' | 'userId'>,
): Promise<User> {
  const user = await findTokenUser(context, grant);
  if (!user) throw refusals.user_deleted();
  const refusal = await signInRefusal(context, application, user);
  if (refusal) throw refusals[refusal]();
  return user;
}
