import { findApplication, findOrganization, findUser, updateUserFields } from '@latchkey/db';
import type { Application, Organization, User } from '@latchkey/types';
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
  /**
   * The application signed in to. Lockout settings come from the user's own application (sign-up
   * application, else the organization's default one), so an attacker cannot pick the most lenient
   * application; this one is only the fallback when the user has neither.
   */
  application?: Application;
  clientIp?: string;
}

export interface LockoutPolicy {
  limit: number;
  frozenMinutes: number;
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
const decoyHashes = new WeakMap<AppContext['passwords'], Promise<string>>();
async function spendDecoyVerification(context: AppContext, password: string) {
  let decoy = decoyHashes.get(context.passwords);
  if (!decoy) {
    decoy = context.passwords.hash('decoy password for unknown users').then((stored) => stored.password);
    decoyHashes.set(context.passwords, decoy);
  }
  await context.passwords.verifyArgon2(await decoy, password);
}

/**
 * Casdoor's failed sign-in settings for a user: `failedSigninLimit` (default 5) and
 * `failedSigninFrozenTime` in minutes (default 15) of the user's sign-up application, else of the
 * organization's default application, else of the application signed in to.
 */
export async function lockoutPolicyFor(context: AppContext, user: User, organization?: Organization, fallback?: Application): Promise<LockoutPolicy> {
  let application: Application | undefined;
  if (user.signupApplication) application = await findApplication(context.db, user.signupApplication);
  if (!application && organization?.defaultApplication) application = await findApplication(context.db, organization.defaultApplication);
  application ??= fallback;
  return {
    limit: application?.failedSigninLimit || DEFAULT_FAILED_SIGNIN_LIMIT,
    frozenMinutes: application?.failedSigninFrozenTime || DEFAULT_FAILED_SIGNIN_FROZEN_MINUTES,
  };
}

/**
 * Checks one user's password with lockout: after `limit` wrong passwords the account is frozen
 * for `frozenMinutes` minutes (a correct password does not help meanwhile). Answers true on a
 * correct password and resets the count; throws `auth.account_locked` when frozen; answers false
 * on a wrong one after counting it. A stored password in an older format is rehashed with argon2id.
 */
export async function checkPasswordWithLockout(context: AppContext, user: User, password: string, organization: Organization, fallback?: Application): Promise<boolean> {
  const policy = await lockoutPolicyFor(context, user, organization, fallback);
  const now = context.clock.now();
  const lastWrong = Date.parse(user.lastSigninWrongTime);
  const frozenUntil = Number.isFinite(lastWrong) ? lastWrong + policy.frozenMinutes * 60_000 : 0;
  if (user.signinWrongTimes >= policy.limit && now.getTime() < frozenUntil) {
    metrics.recordSigninFailure('locked');
    throw new ApiError('auth.account_locked', { minutes: Math.ceil((frozenUntil - now.getTime()) / 60_000) });
  }

  const correct = password !== '' && (await verifyPassword(context.passwords, user, password, organization.passwordSalt));
  if (!correct) {
    const previous = now.getTime() < frozenUntil ? user.signinWrongTimes : 0;
    await context.db
      .updateTable('user')
      .set({ signinWrongTimes: previous === 0 ? 1 : sql<number>`"signinWrongTimes" + 1`, lastSigninWrongTime: formatTime(now) })
      .where('owner', '=', user.owner)
      .where('name', '=', user.name)
      .execute();
    metrics.recordSigninFailure(previous + 1 >= policy.limit ? 'locked' : 'wrong_credentials');
    if (previous + 1 >= policy.limit) throw new ApiError('auth.account_locked', { minutes: policy.frozenMinutes });
    return false;
  }

  const changes: Partial<User> = {};
  if (user.signinWrongTimes !== 0) Object.assign(changes, { signinWrongTimes: 0, lastSigninWrongTime: '' });
  if (context.passwords.needsRehash(user)) Object.assign(changes, await context.passwords.hash(password));
  if (Object.keys(changes).length > 0) {
    await updateUserFields(context.db, user.owner, user.name, changes);
    Object.assign(user, changes);
  }
  return true;
}

/**
 * Checks organization/username + password without signing in: lockout applies, an unknown
 * organization or user and a wrong password give the same error (and cost the same time), and a
 * disabled account is refused only after its password was proven.
 */
export async function checkUserPassword(context: AppContext, request: PasswordSigninRequest): Promise<User> {
  const organization = await findOrganization(context.db, request.organization);
  const user = organization && request.username ? await findSigninUser(context, organization.name, request.username) : undefined;
  if (!organization || !user || !request.password) {
    await spendDecoyVerification(context, request.password);
    metrics.recordSigninFailure('wrong_credentials');
    throw wrongCredentials();
  }
  if (!(await checkPasswordWithLockout(context, user, request.password, organization, request.application))) throw wrongCredentials();
  if (user.isForbidden || user.isDeleted) {
    metrics.recordSigninFailure('forbidden');
    throw new ApiError('auth.user_forbidden');
  }
  return user;
}

/** A password sign-in: checkUserPassword, then the sign-in is recorded on the user (time and address). */
export async function signInWithPassword(context: AppContext, request: PasswordSigninRequest): Promise<User> {
  const user = await checkUserPassword(context, request);
  const changes: Partial<User> = { lastSigninTime: formatTime(context.clock.now()), lastSigninIp: request.clientIp ?? '' };
  await updateUserFields(context.db, user.owner, user.name, changes);
  return { ...user, ...changes };
}
