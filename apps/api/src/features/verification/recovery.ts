import { findOrganization, findUserNamesWith, updateUserFields } from '@latchkey/db';
import type { User } from '@latchkey/types';
import { type AppContext, formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { pleaseSignIn } from '../../core/identity/privileges.ts';
import { findAccount, usable } from './accounts.ts';
import { useCode } from './codes.ts';
import {
  destinationTypeOf,
  looksLikeEmail,
  looksLikePhone,
  maskEmail,
  maskPhone,
  normalDestination,
} from './destinations.ts';

/** Casdoor's answer of get-email-and-phone: the user's name and where a code may go, and what was typed. */
export interface EmailAndPhone {
  user: { name: string; email: string; phone: string };
  contentType: 'email' | 'phone' | 'username';
}

/**
 * GET /api/get-email-and-phone: the first step of a forgotten password. An email address or phone
 * number that was typed is answered as it is (whether or not an account has it); a user name is
 * answered with the masked email address and phone number of its account, and an unknown name
 * with masked values made up from it (the same every time), so the answer never tells whether an
 * account exists. The name to carry on with is what was typed.
 */
export async function emailAndPhone(
  context: AppContext,
  organization: string,
  username: string,
): Promise<EmailAndPhone> {
  const typed = username.trim();
  if (!typed) throw new ApiError('general.missing_parameter', { name: 'username' });
  if (looksLikeEmail(typed)) return { user: { name: typed, email: typed, phone: '' }, contentType: 'email' };
  if (looksLikePhone(typed)) return { user: { name: typed, email: '', phone: typed }, contentType: 'phone' };
  const user = await findAccount(context, organization, typed);
  if (user && usable(user))
    return {
      user: { name: user.name, email: maskEmail(user.email), phone: maskPhone(user.phone) },
      contentType: 'username',
    };
  const seed = context.secrets.mac(`unknown-account:${organization}/${typed.toLowerCase()}`);
  const letters = 'abcdefghijklmnoprstuvwy';
  const pick = (at: number) => letters[Number.parseInt(seed.slice(at, at + 2), 16) % letters.length];
  const email = `${typed[0]!.toLowerCase()}***@${pick(0)}***.${['com', 'net', 'org', 'io'][Number.parseInt(seed[2]!, 16) % 4]}`;
  const phone =
    Number.parseInt(seed[3]!, 16) % 2 === 0 ? `***${Number.parseInt(seed.slice(4, 6), 16) % 100}`.padEnd(5, '0') : '';
  return { user: { name: typed, email, phone }, contentType: 'username' };
}

/** Casdoor's AuthForm fields of verify-code. */
export interface VerifyCodeRequest {
  organization?: string;
  /** The account: its name, email or phone. */
  name?: string;
  /** Where the code went (possibly masked), or the account when `name` is empty. */
  username?: string;
  code?: string;
}

/**
 * POST /api/verify-code: checks a forgotten-password code of an account. A right code is marked
 * verified; it then sets that account's password once (set-password with the code). Every failure
 * has the one answer of a wrong code, whether or not the account exists.
 */
export async function verifyCode(context: AppContext, request: VerifyCodeRequest): Promise<void> {
  const user = await findAccount(context, request.organization ?? '', request.name || request.username || '');
  if (!usable(user)) throw new ApiError('verification.code_invalid');
  await useCode(context, { organization: user.owner, purpose: 'forget', userId: user.id }, request.code, 'verify');
}

/** The account a forgotten-password code may set the password of, by what the person typed. */
export async function recoveringAccount(context: AppContext, owner: string, name: string): Promise<User> {
  const user = await findAccount(context, owner, name);
  if (!usable(user)) throw new ApiError('verification.code_invalid');
  return user;
}

/**
 * POST /api/reset-email-or-phone: the signed-in user's new email address (then verified) or phone
 * number, with the code sent there for `reset`. The code is checked first; a value another user of
 * the organization has is refused.
 */
export async function resetEmailOrPhone(
  context: AppContext,
  identity: Identity,
  request: { type?: string; dest?: string; code?: string },
): Promise<void> {
  if (identity.kind !== 'user') throw pleaseSignIn();
  if (!request.type || !request.dest || !request.code)
    throw new ApiError('general.missing_parameter', { name: !request.type ? 'type' : !request.dest ? 'dest' : 'code' });
  const type = destinationTypeOf(request.type);
  const destination = normalDestination(type, request.dest);
  const user = identity.user;
  if (!(await findOrganization(context.db, user.owner)))
    throw new ApiError('auth.organization_not_found', { name: user.owner });
  await useCode(
    context,
    { organization: user.owner, purpose: 'reset', userId: user.id, destination },
    request.code,
    'spend',
  );
  const others = (await findUserNamesWith(context.db, user.owner, type, destination, 2)).filter(
    (name) => name !== user.name,
  );
  if (others.length > 0) throw new ApiError(type === 'email' ? 'auth.email_taken' : 'auth.phone_taken');
  const now = formatTime(context.clock.now());
  await updateUserFields(
    context.db,
    user.owner,
    user.name,
    type === 'email'
      ? { email: destination, emailVerified: true, updatedTime: now }
      : { phone: destination, updatedTime: now },
  );
}
