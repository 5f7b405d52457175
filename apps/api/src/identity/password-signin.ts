import { findOrganization, findUser, updateUserFields } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { sql } from 'kysely';
import { formatTime, type AppContext } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { metrics } from '../metrics/metrics.ts';
import { verifyPassword } from '../passwords/verify.ts';

export const DEFAULT_FAILED_SIGNIN_LIMIT = 5;
export const DEFAULT_FAILED_SIGNIN_FROZEN_MINUTES = 15;

export interface PasswordSigninRequest {
  organization: string;
  /** The user's name, or their email or phone in that organization. */
  username: string;
  password: string;
  /** Its failedSigninLimit and failedSigninFrozenTime apply; Casdoor's defaults otherwise. */
  application?: Application;
  clientIp?: string;
}

const wrongCredentials = () => new ApiError('auth.wrong_username_or_password');

async function findSigninUser(context: AppContext, organization: string, username: string): Promise<User | undefined> {
  const byName = await findUser(context.db, organization, username);
  if (byName) return byName;
  if (!username.includes('@') && !/^\+?[\d\s-]{5,}$/.test(username)) return undefined;
  const column = username.includes('@') ? 'email' : 'phone';
  const rows = await context.db.selectFrom('user').select('name').where('owner', '=', organization).where(column, '=', username).limit(2).execute();
  return rows.length === 1 ? findUser(context.db, organization, rows[0]!.name) : undefined;
}

// A real hash to check against when the user does not exist, so both paths cost the same time.
let decoyHash: string | undefined;
async function spendDecoyVerification(context: AppContext, password: string) {
  decoyHash ??= (await context.passwords.hash('decoy password for unknown users')).password;
  await context.passwords.verifyArgon2(decoyHash, password);
}

/**
 * Checks organization/username + password with Casdoor's lockout: after `failedSigninLimit` wrong
 * passwords (default 5) the account is frozen for `failedSigninFrozenTime` minutes (default 15).
 * An unknown organization or user and a wrong password give the same error. A stored password in
 * an older format is rehashed with argon2id on success.
 */
export async function signInWithPassword(context: AppContext, request: PasswordSigninRequest): Promise<User> {
  const organization = await findOrganization(context.db, request.organization);
  const user = organization && request.username ? await findSigninUser(context, organization.name, request.username) : undefined;
  if (!organization || !user || !request.password) {
    await spendDecoyVerification(context, request.password);
    metrics.recordSigninFailure('wrong_credentials');
    throw wrongCredentials();
  }

  const limit = request.application?.failedSigninLimit || DEFAULT_FAILED_SIGNIN_LIMIT;
  const frozenMinutes = request.application?.failedSigninFrozenTime || DEFAULT_FAILED_SIGNIN_FROZEN_MINUTES;
  const now = context.clock.now();
  const lastWrong = Date.parse(user.lastSigninWrongTime);
  const frozenUntil = Number.isFinite(lastWrong) ? lastWrong + frozenMinutes * 60_000 : 0;
  if (user.signinWrongTimes >= limit && now.getTime() < frozenUntil) {
    metrics.recordSigninFailure('locked');
    throw new ApiError('auth.account_locked', { minutes: Math.ceil((frozenUntil - now.getTime()) / 60_000) });
  }

  const correct = await verifyPassword(context.passwords, user, request.password, organization.passwordSalt);
  if (!correct) {
    const previous = now.getTime() < frozenUntil ? user.signinWrongTimes : 0;
    await context.db
      .updateTable('user')
      .set({ signinWrongTimes: previous === 0 ? 1 : sql<number>`"signinWrongTimes" + 1`, lastSigninWrongTime: formatTime(now) })
      .where('owner', '=', user.owner)
      .where('name', '=', user.name)
      .execute();
    metrics.recordSigninFailure(previous + 1 >= limit ? 'locked' : 'wrong_credentials');
    if (previous + 1 >= limit) throw new ApiError('auth.account_locked', { minutes: frozenMinutes });
    throw wrongCredentials();
  }

  if (user.isForbidden || user.isDeleted) {
    metrics.recordSigninFailure('forbidden');
    throw new ApiError('auth.user_forbidden');
  }

  const changes: Partial<User> = { lastSigninTime: formatTime(now), lastSigninIp: request.clientIp ?? '' };
  if (user.signinWrongTimes !== 0) Object.assign(changes, { signinWrongTimes: 0, lastSigninWrongTime: '' });
  if (context.passwords.needsRehash(user)) Object.assign(changes, await context.passwords.hash(request.password));
  await updateUserFields(context.db, user.owner, user.name, changes);
  return { ...user, ...changes };
}
