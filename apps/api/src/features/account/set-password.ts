import { endAllUserAccessIn, findOrganization, findUser, updateUserFields } from '@latchkey/db';
import type { User } from '@latchkey/types';
import { type AppContext, formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { checkPasswordWithLockout } from '../../core/identity/password-signin.ts';
import { isSelf, requireSelfOrAdminOf } from '../../core/identity/privileges.ts';
import { checkPasswordComplexity } from '../../core/passwords/complexity.ts';
import { verifyPassword } from '../../core/passwords/verify.ts';
import { notifyLogout } from '../sso-logout/notify.ts';
import { useCode } from '../verification/codes.ts';
import { recoveringAccount } from '../verification/recovery.ts';

export interface SetPasswordRequest {
  identity: Identity;
  owner: string;
  name: string;
  oldPassword: string;
  newPassword: string;
}

/**
 * Changes a user's password (Casdoor's /api/set-password). The user may change their own password
 * by giving the current one (wrong guesses count towards the lockout); an administrator of the
 * user's organization (an application of it included) may set another user's password without it.
 * The new password follows the organization's password rules, differs from the current one, and
 * is stored with argon2id.
 *
 * A new password ends the access the old one may have given away: an administrator's reset ends
 * every sign-in session of the user and revokes every token (access and refresh); a user changing
 * their own keeps only the browser session they changed it from, and loses every token too (tokens
 * are not bound to a session). The applications are told as for an SSO logout of everything.
 */
export async function setPassword(context: AppContext, request: SetPasswordRequest): Promise<void> {
  const { identity, owner, name } = request;
  if (!owner) throw new ApiError('general.missing_parameter', { name: 'userOwner' });
  if (!name) throw new ApiError('general.missing_parameter', { name: 'userName' });
  requireSelfOrAdminOf(identity, owner, name);

  const user = await findUser(context.db, owner, name);
  if (!user) throw new ApiError('auth.user_not_found', { id: `${owner}/${name}` });
  const organization = await findOrganization(context.db, owner);
  if (!organization) throw new ApiError('auth.organization_not_found', { name: owner });

  // Changing one's own password always needs the current one (ASVS 6.2.3), administrators included.
  const needsOldPassword = isSelf(identity, owner, name) && user.password !== '';
  if (needsOldPassword && !request.oldPassword)
    throw new ApiError('general.missing_parameter', { name: 'oldPassword' });
  if (request.oldPassword && !(await checkPasswordWithLockout(context, user, request.oldPassword, organization))) {
    throw new ApiError('auth.old_password_wrong');
  }

  checkPasswordComplexity(request.newPassword, organization.passwordOptions, 'newPassword');
  if (
    user.password &&
    (await verifyPassword(context.passwords, user, request.newPassword, organization.passwordSalt))
  ) {
    throw new ApiError('auth.password_same_as_current');
  }

  const now = formatTime(context.clock.now());
  const changes: Partial<User> = {
    ...(await context.passwords.hash(request.newPassword)),
    needUpdatePassword: false,
    lastChangePasswordTime: now,
    updatedTime: now,
    signinWrongTimes: 0,
    lastSigninWrongTime: '',
  };
  const keepSessionId = isSelf(identity, owner, name) ? identity.sessionId : undefined;
  const ended = await context.db.transaction().execute(async (trx) => {
    await updateUserFields(trx, owner, name, changes);
    return endAllUserAccessIn(trx, user, keepSessionId);
  });
  notifyLogout(context, user, ended, 'all');
}

/**
 * The end of a forgotten password (set-password with `code`): the account named by `owner` and
 * `name` (its name, email or phone, as the person typed it) gets a new password, which follows the
 * organization's rules, when `code` is the forgotten-password code verify-code accepted for that
 * very account; the code is then spent. Every session and token of the user ends, and the
 * applications are told as for an SSO logout of everything.
 */
export async function setPasswordWithCode(
  context: AppContext,
  request: { owner: string; name: string; newPassword: string; code: string },
): Promise<void> {
  if (!request.owner) throw new ApiError('general.missing_parameter', { name: 'userOwner' });
  if (!request.name) throw new ApiError('general.missing_parameter', { name: 'userName' });
  const user = await recoveringAccount(context, request.owner, request.name);
  const organization = await findOrganization(context.db, user.owner);
  if (!organization) throw new ApiError('auth.organization_not_found', { name: user.owner });
  // The new password is checked before the code is spent, so a refused password keeps the code.
  checkPasswordComplexity(request.newPassword, organization.passwordOptions, 'newPassword');
  await useCode(
    context,
    { organization: user.owner, purpose: 'forget', userId: user.id },
    request.code,
    'spend-verified',
  );
  const now = formatTime(context.clock.now());
  const changes: Partial<User> = {
    ...(await context.passwords.hash(request.newPassword)),
    needUpdatePassword: false,
    lastChangePasswordTime: now,
    updatedTime: now,
    signinWrongTimes: 0,
    lastSigninWrongTime: '',
  };
  const ended = await context.db.transaction().execute(async (trx) => {
    await updateUserFields(trx, user.owner, user.name, changes);
    return endAllUserAccessIn(trx, user, undefined);
  });
  notifyLogout(context, user, ended, 'all');
}
