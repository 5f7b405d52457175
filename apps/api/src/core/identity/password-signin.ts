import {
  countSigninAttempt,
  findApplication,
  findOrganization,
  findUser,
  findUserNamesWith,
  giveBackSigninAttempt,
  resetSigninWrongTimesIfUnchanged,
  updateUserFields,
} from '@latchkey/db';
import type { Application, Organization, User } from '@latchkey/types';
import { type AppContext, formatTime } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { metrics } from '../metrics/metrics.ts';
import { verifyPassword } from '../passwords/verify.ts';
import { type SecondFactorDue, secondFactorDue } from './second-factors.ts';

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
  /** The request asks for a second factor (acr_values): a user without one must set one up. */
  demandSecondFactor?: boolean;
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
  const names = await findUserNamesWith(context.db, organization, column, username, 2);
  return names.length === 1 ? findUser(context.db, organization, names[0]!) : undefined;
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
export async function lockoutPolicyFor(
  context: AppContext,
  user: User,
  organization?: Organization,
  fallback?: Application,
): Promise<LockoutPolicy> {
  // The application signed in to was just read: it is not read again when it is also the user's own.
  const named = async (name: string) => (fallback?.name === name ? fallback : findApplication(context.db, name));
  let application: Application | undefined;
  if (user.signupApplication) application = await named(user.signupApplication);
  if (!application && organization?.defaultApplication) application = await named(organization.defaultApplication);
  application ??= fallback;
  return {
    limit: application?.failedSigninLimit || DEFAULT_FAILED_SIGNIN_LIMIT,
    frozenMinutes: application?.failedSigninFrozenTime || DEFAULT_FAILED_SIGNIN_FROZEN_MINUTES,
  };
}

/**
 * Counts one sign-in attempt of a user before the password is checked, as if it were wrong, and
 * answers the count it makes: guesses sent all at once are then each counted, and no more of them
 * are checked than the limit allows (a correct password resets the count afterwards). Wrong
 * passwords older than the frozen time no longer count: the count restarts from them, unless
 * another attempt restarted it first.
 */
async function claimSigninAttempt(
  context: AppContext,
  user: User,
  earlierStillCount: boolean,
  now: Date,
): Promise<number> {
  if (!earlierStillCount && user.signinWrongTimes !== 0) await resetSigninWrongTimesIfUnchanged(context.db, user);
  return countSigninAttempt(context.db, user.owner, user.name, formatTime(now));
}

/**
 * Claims one attempt of a user within the lockout: throws `auth.account_locked` while the account
 * is frozen (a correct credential does not help meanwhile) or when this attempt is beyond the limit;
 * otherwise answers the attempt's number, counted before the credential is checked
 * (claimSigninAttempt), so concurrent guesses get no more checks than sequential ones.
 */
async function claimAttemptWithinLockout(context: AppContext, user: User, policy: LockoutPolicy): Promise<number> {
  const now = context.clock.now();
  const lastWrong = Date.parse(user.lastSigninWrongTime);
  const frozenUntil = Number.isFinite(lastWrong) ? lastWrong + policy.frozenMinutes * 60_000 : 0;
  const earlierStillCount = now.getTime() < frozenUntil;
  if (user.signinWrongTimes >= policy.limit && earlierStillCount) {
    metrics.recordSigninFailure('locked');
    throw new ApiError('auth.account_locked', { minutes: Math.ceil((frozenUntil - now.getTime()) / 60_000) });
  }
  const attempt = await claimSigninAttempt(context, user, earlierStillCount, now);
  if (attempt > policy.limit) {
    metrics.recordSigninFailure('locked');
    throw new ApiError('auth.account_locked', { minutes: policy.frozenMinutes });
  }
  return attempt;
}

/** A wrong credential within the lockout: locks the account when it was the last attempt allowed. */
function failWithinLockout(attempt: number, policy: LockoutPolicy): void {
  metrics.recordSigninFailure(attempt >= policy.limit ? 'locked' : 'wrong_credentials');
  if (attempt >= policy.limit) throw new ApiError('auth.account_locked', { minutes: policy.frozenMinutes });
}

/** The count back to zero and, with `signedInFrom`, the sign-in recorded (time and address). */
function completedSignInChanges(context: AppContext, signedInFrom: string | undefined): Partial<User> {
  const changes: Partial<User> = { signinWrongTimes: 0, lastSigninWrongTime: '' };
  if (signedInFrom !== undefined)
    Object.assign(changes, { lastSigninTime: formatTime(context.clock.now()), lastSigninIp: signedInFrom });
  return changes;
}

/**
 * Records a sign-in that passed its second factor some other way than a code checked here (a
 * factor set up and proven within the sign-in): the count back to zero, the time and address.
 */
export async function recordCompletedSignIn(context: AppContext, user: User, signedInFrom: string): Promise<void> {
  const changes = completedSignInChanges(context, signedInFrom);
  await updateUserFields(context.db, user.owner, user.name, changes);
  Object.assign(user, changes);
}

/**
 * Checks one user's password with lockout: after `limit` wrong passwords the account is frozen
 * for `frozenMinutes` minutes (a correct password does not help meanwhile). Each attempt is counted
 * before the password is checked (claimSigninAttempt), so concurrent guesses get no more checks
 * than sequential ones. Answers true on a correct password and resets the count; throws
 * `auth.account_locked` when frozen; answers false on a wrong one. A stored password in an older
 * format is rehashed with argon2id. With `signedInFrom` (the client's address) a correct password
 * also records the sign-in (time and address), in the same write as the reset. With
 * `secondFactorDue` a correct password gives back only its own attempt and records nothing: the
 * sign-in is not over, and the second factor's check (checkSecondFactorWithLockout) resets the
 * count once it passes, so proving the password again and again buys no more guesses at the code.
 */
export async function checkPasswordWithLockout(
  context: AppContext,
  user: User,
  password: string,
  organization: Organization,
  fallback?: Application,
  signedInFrom?: string,
  options: { secondFactorDue?: boolean } = {},
): Promise<boolean> {
  const policy = await lockoutPolicyFor(context, user, organization, fallback);
  const attempt = await claimAttemptWithinLockout(context, user, policy);
  const correct =
    password !== '' && (await verifyPassword(context.passwords, user, password, organization.passwordSalt));
  if (!correct) {
    failWithinLockout(attempt, policy);
    return false;
  }

  // With a second factor due, the password's own attempt is given back, but not the count: wrong
  // codes before it still count, so proving the password again buys no more guesses at the code.
  if (options.secondFactorDue) await giveBackSigninAttempt(context.db, user.owner, user.name);
  const changes: Partial<User> = options.secondFactorDue ? {} : completedSignInChanges(context, signedInFrom);
  if (context.passwords.needsRehash(user)) Object.assign(changes, await context.passwords.hash(password));
  if (Object.keys(changes).length > 0) await updateUserFields(context.db, user.owner, user.name, changes);
  Object.assign(user, changes);
  return true;
}

/**
 * Checks a user's second factor (`verify` answers whether the code was right) under the same
 * lockout as passwords and counting into the same attempts: wrong codes freeze the account as
 * wrong passwords do. A right code resets the count and records the sign-in (time and address).
 */
export async function checkSecondFactorWithLockout(
  context: AppContext,
  user: User,
  organization: Organization | undefined,
  application: Application | undefined,
  verify: () => Promise<boolean>,
  signedInFrom: string,
): Promise<boolean> {
  const policy = await lockoutPolicyFor(context, user, organization, application);
  const attempt = await claimAttemptWithinLockout(context, user, policy);
  if (!(await verify())) {
    failWithinLockout(attempt, policy);
    return false;
  }
  const changes = completedSignInChanges(context, signedInFrom);
  await updateUserFields(context.db, user.owner, user.name, changes);
  Object.assign(user, changes);
  return true;
}

/** What a correct password leads to: the user, and the second factor still due, if any. */
export interface PasswordChecked {
  user: User;
  organization: Organization;
  secondFactor?: SecondFactorDue;
}

/**
 * Checks a user's password in an organization already read (undefined: there is none): lockout
 * applies, an unknown organization or user and a wrong password give the same error (and cost the
 * same time), and a disabled account is refused only after its password was proven. With
 * `signedInFrom`, this is a sign-in: the second factor it still needs is worked out first
 * (secondFactorDue, for the application signed in to), and when none is, the sign-in of an account
 * that may sign in is recorded in the write that resets the count.
 */
async function checkPasswordIn(
  context: AppContext,
  organization: Organization | undefined,
  request: PasswordSigninRequest,
  signedInFrom?: string,
): Promise<PasswordChecked> {
  const user =
    organization && request.username ? await findSigninUser(context, organization.name, request.username) : undefined;
  if (!organization || !user || !request.password) {
    await spendDecoyVerification(context, request.password);
    metrics.recordSigninFailure('wrong_credentials');
    throw wrongCredentials();
  }
  const refused = user.isForbidden || user.isDeleted;
  const secondFactor =
    signedInFrom === undefined
      ? undefined
      : secondFactorDue(user, organization, request.application, request.demandSecondFactor);
  const correct = await checkPasswordWithLockout(
    context,
    user,
    request.password,
    organization,
    request.application,
    refused ? undefined : signedInFrom,
    {
      secondFactorDue: secondFactor !== undefined,
    },
  );
  if (!correct) throw wrongCredentials();
  if (refused) {
    metrics.recordSigninFailure('forbidden');
    throw new ApiError('auth.user_forbidden');
  }
  return { user, organization, secondFactor };
}

/** Checks organization/username + password without signing in (see checkPasswordIn). */
export async function checkUserPassword(context: AppContext, request: PasswordSigninRequest): Promise<User> {
  return (await checkPasswordIn(context, await findOrganization(context.db, request.organization), request)).user;
}

/**
 * The first step of a password sign-in: the password is checked as checkUserPassword does, and the
 * answer says which second factor is still due. Without one, the sign-in is recorded on the user
 * (time and address) in one write. `organization` is the organization's row when the caller has
 * read it already (undefined: it does not exist).
 */
export async function beginPasswordSignIn(
  context: AppContext,
  request: PasswordSigninRequest,
  known?: { organization: Organization | undefined },
): Promise<PasswordChecked> {
  const organization = known ? known.organization : await findOrganization(context.db, request.organization);
  return checkPasswordIn(context, organization, request, request.clientIp ?? '');
}

/**
 * A sign-in with a password alone, for ways of signing in that have no second step (the password
 * grant, the username and password query): refused, after the password was checked, when the
 * user needs a second factor.
 */
export async function signInWithPassword(
  context: AppContext,
  request: PasswordSigninRequest,
  known?: { organization: Organization | undefined },
): Promise<User> {
  const checked = await beginPasswordSignIn(context, request, known);
  if (checked.secondFactor) throw new ApiError('mfa.password_alone_refused');
  return checked.user;
}
