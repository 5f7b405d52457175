import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type VerificationCodeRecord = ReturnType<typeof codecs.verification_code.decode>;

/*
 * Verification codes. Every change that must happen once (a code spent, verified, or one more wrong
 * try counted) is one conditional statement whose row count says whether this call made it.
 */

export async function insertVerificationCode(db: Db, record: VerificationCodeRecord): Promise<void> {
  await db.insertInto('verification_code').values(codecs.verification_code.encode(record)).execute();
}

export async function deleteVerificationCode(db: Db, id: string): Promise<void> {
  await db.deleteFrom('verification_code').where('id', '=', id).execute();
}

/** The sends to one destination of an organization since `since`, oldest first (id breaks ties). */
export async function codeSendsToDestination(
  db: Db,
  organization: string,
  destination: string,
  since: number,
): Promise<{ id: string; createdAt: number }[]> {
  const rows = await db
    .selectFrom('verification_code')
    .select(['id', 'createdAt'])
    .where('organization', '=', organization)
    .where('destination', '=', destination)
    .where('createdAt', '>=', since)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, createdAt: Number(row.createdAt) }));
}

/** How many codes one client address asked for since `since`, in every organization. */
export async function countCodeSendsFromAddress(db: Db, remoteAddr: string, since: number): Promise<number> {
  const row = await db
    .selectFrom('verification_code')
    .select(sql<number>`count(*)`.as('count'))
    .where('remoteAddr', '=', remoteAddr)
    .where('createdAt', '>=', since)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * The newest code that was sent (not a refused request's placeholder) for a purpose in an
 * organization, to a destination and/or an account: `userId` '' means a code bound to the
 * destination alone (sign-up). A code sent for a pending sign-in matches only that sign-in's
 * `pendingSignin`; the others only ''.
 */
export async function findLatestVerificationCode(
  db: Db,
  filter: { organization: string; purpose: string; destination?: string; userId: string; pendingSignin?: string },
): Promise<VerificationCodeRecord | undefined> {
  let query = db
    .selectFrom('verification_code')
    .selectAll()
    .where('organization', '=', filter.organization)
    .where('purpose', '=', filter.purpose)
    .where('userId', '=', filter.userId)
    .where('pendingSignin', '=', filter.pendingSignin ?? '')
    .where('codeHash', '<>', '');
  if (filter.destination !== undefined) query = query.where('destination', '=', filter.destination);
  const row = await query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? codecs.verification_code.decode(row) : undefined;
}

/** Counts one wrong try against a live code; answers false when it was already dead or spent. */
export async function recordWrongVerificationCode(db: Db, id: string, limit: number): Promise<boolean> {
  const result = await db
    .updateTable('verification_code')
    .set((eb) => ({ failedAttempts: eb('failedAttempts', '+', 1) }))
    .where('id', '=', id)
    .where('failedAttempts', '<', limit)
    .where('usedAt', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks a live code verified (verify-code); true for the one call that did. */
export async function markVerificationCodeVerified(db: Db, id: string, now: number, limit: number): Promise<boolean> {
  const result = await db
    .updateTable('verification_code')
    .set({ verifiedAt: now })
    .where('id', '=', id)
    .where('verifiedAt', '=', 0)
    .where('usedAt', '=', 0)
    .where('failedAttempts', '<', limit)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Spends a code (once); with `verified`, only one verify-code has accepted. True for the one call that spent it. */
export async function spendVerificationCode(
  db: Db,
  id: string,
  now: number,
  options: { limit: number; verified?: boolean },
): Promise<boolean> {
  let query = db
    .updateTable('verification_code')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('usedAt', '=', 0)
    .where('failedAttempts', '<', options.limit);
  if (options.verified) query = query.where('verifiedAt', '>', 0);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
