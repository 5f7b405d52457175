import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type PendingSigninRecord = ReturnType<typeof codecs.mfa_pending_signin.decode>;
export type EnrolmentRecord = ReturnType<typeof codecs.mfa_enrolment.decode>;

/*
 * Multi-factor authentication state: sign-ins waiting for a second factor, enrolments in progress,
 * the last TOTP step each user used, and the user's recovery codes. Every write that must happen
 * once (a sign-in completed, a step used, a recovery code spent) is one conditional statement whose
 * row count says whether this call won.
 */

export async function insertPendingSignin(db: Db, pending: PendingSigninRecord): Promise<void> {
  await db.insertInto('mfa_pending_signin').values(codecs.mfa_pending_signin.encode(pending)).execute();
}

/** A pending sign-in by its id, unless it has expired (`now` in Unix seconds). */
export async function findPendingSignin(db: Db, id: string, now: number): Promise<PendingSigninRecord | undefined> {
  const row = await db
    .selectFrom('mfa_pending_signin')
    .selectAll()
    .where('id', '=', id)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return row ? codecs.mfa_pending_signin.decode(row) : undefined;
}

/** Records progress on a pending sign-in (a factor passed, an enrolment done); answers whether it was still there. */
export async function updatePendingSignin(
  db: Db,
  id: string,
  changes: Partial<Pick<PendingSigninRecord, 'factors' | 'stage'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('mfa_pending_signin')
    .set(codecs.mfa_pending_signin.encodePartial(changes))
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends a pending sign-in; answers true for the one call that removed it (it completes once). */
export async function takePendingSignin(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('mfa_pending_signin').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every pending sign-in and enrolment of a user (their second factors were reset). */
export async function deleteMultiFactorStateOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('mfa_pending_signin').where('userId', '=', userId).execute();
  await db.deleteFrom('mfa_enrolment').where('userId', '=', userId).execute();
}

/** Starts an enrolment, replacing any the user had begun. */
export async function replaceEnrolment(db: Db, enrolment: EnrolmentRecord): Promise<void> {
  await db.deleteFrom('mfa_enrolment').where('userId', '=', enrolment.userId).execute();
  await db.insertInto('mfa_enrolment').values(codecs.mfa_enrolment.encode(enrolment)).execute();
}

/** The user's enrolment in progress, unless it has expired. */
export async function findEnrolment(db: Db, userId: string, now: number): Promise<EnrolmentRecord | undefined> {
  const row = await db
    .selectFrom('mfa_enrolment')
    .selectAll()
    .where('userId', '=', userId)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return row ? codecs.mfa_enrolment.decode(row) : undefined;
}

/** Marks an enrolment as proven by a code (at `at`, Unix seconds), if it still has that secret. */
export async function markEnrolmentVerified(db: Db, userId: string, secret: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('mfa_enrolment')
    .set({ verifiedAt: at })
    .where('userId', '=', userId)
    .where('secret', '=', secret)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends a proven enrolment, answering it to the one call that removed it (it is enabled once). */
export async function takeVerifiedEnrolment(db: Db, userId: string, now: number): Promise<EnrolmentRecord | undefined> {
  const row = await db
    .deleteFrom('mfa_enrolment')
    .where('userId', '=', userId)
    .where('verifiedAt', '>', 0)
    .where('expiresAt', '>', now)
    .returningAll()
    .executeTakeFirst();
  return row ? codecs.mfa_enrolment.decode(row) : undefined;
}

/**
 * Uses a TOTP time step for a user: answers true only if no code of this step or a later one was
 * used before, so each code is accepted once, and only the first of concurrent uses wins.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  await db
    .insertInto('mfa_totp_use')
    .values({ userId, lastStep: 0 })
    .onConflict((conflict) => conflict.column('userId').doNothing())
    .execute();
  const result = await db
    .updateTable('mfa_totp_use')
    .set({ lastStep: step })
    .where('userId', '=', userId)
    .where('lastStep', '<', step)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Replaces a user's recovery codes if they are still those read before (a code is spent once, even
 * when two requests present it together); answers whether this call made the change.
 */
export async function replaceRecoveryCodesIfUnchanged(
  db: Db,
  owner: string,
  name: string,
  before: readonly string[],
  after: readonly string[],
): Promise<boolean> {
  const result = await db
    .updateTable('user')
    .set({ recoveryCodes: JSON.stringify(after) })
    .where('owner', '=', owner)
    .where('name', '=', name)
    .where('recoveryCodes', '=', JSON.stringify(before))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records that a session passed more factors (a step-up), and when. */
export async function raiseSessionFactors(
  db: Db,
  sessionId: string,
  factors: readonly string[],
  authTime: number,
): Promise<boolean> {
  const result = await db
    .updateTable('session')
    .set({ factors: factors.join(' '), authTime })
    .where('sessionId', '=', sessionId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Gives back one sign-in attempt counted ahead of a check that turned out right but did not finish
 * the sign-in (a password, when a second factor is still due): the wrong codes before it still count.
 */
export async function giveBackSigninAttempt(db: Db, owner: string, name: string): Promise<void> {
  await db
    .updateTable('user')
    .set({ signinWrongTimes: sql<number>`"signinWrongTimes" - 1` })
    .where('owner', '=', owner)
    .where('name', '=', name)
    .where('signinWrongTimes', '>', 0)
    .execute();
}
