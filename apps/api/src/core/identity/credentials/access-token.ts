import type { AppContext } from '../../context.ts';
import { ApiError } from '../../errors/api-error.ts';
import { checkAccessTokenShared } from '../../tokens/access-token.ts';
import { applicationIdentity, rememberedUserIdentity, type SignedInIdentity, userIdentity } from '../identity.ts';

const problems = {
  invalid: 'auth.access_token_invalid',
  expired: 'auth.access_token_expired',
  revoked: 'auth.access_token_revoked',
} as const;

/**
 * The caller an access token stands for: its user, or its application for client-credentials tokens
 * (checkAccessToken ties both to the token's claims). A token answered from memory hands its
 * remembered (frozen) user to rememberedUserIdentity, which copies it only for a route that asks
 * for identity.user; the application is copied, as checkAccessToken would.
 */
export async function identityFromAccessToken(context: AppContext, raw: string): Promise<SignedInIdentity> {
  const check = await checkAccessTokenShared(context, raw);
  if (!check.ok) throw new ApiError(problems[check.problem]);
  const { token, application, user, remembered } = check;
  const grant = { name: token.name, application: token.application, scope: token.scope };
  if (!token.user) return applicationIdentity(remembered ? { ...application } : application, 'token', grant);
  if (!user) throw new ApiError(problems.invalid);
  if (user.isForbidden || user.isDeleted) throw new ApiError('auth.user_forbidden');
  return remembered ? rememberedUserIdentity(user, grant) : userIdentity(user, 'token', { token: grant });
}
