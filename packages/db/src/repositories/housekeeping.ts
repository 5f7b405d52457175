import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from '../database.ts';
import type { TableName } from '../tables.ts';

/*
 * Leftovers the periodic clean-up removes: expired codes, sessions and tokens, old rate-limit
 * counts. Deleted a small batch at a time, so that no statement holds the database for long.
 */

interface BatchDelete<T extends TableName> {
  table: T;
  /** The columns that name one row (its primary key). */
  key: readonly (keyof Database[T] & string)[];
  /** Which rows go; applied again to each batch when it is deleted, so a row that changed meanwhile stays. */
  where: (eb: ExpressionBuilder<Database, T>) => Expression<SqlBool>;
  batchSize: number;
}

/**
 * Deletes the rows that match, a small batch at a time: the keys of up to `batchSize` rows are
 * read, then those rows deleted (if they still match). Idempotent, so several servers on one
 * database may run it at once: a row another one deleted first is simply not there any more.
 * Answers how many rows this call deleted.
 */
async function deleteInBatches<T extends TableName>(
  db: Kysely<Database>,
  { table, key, where, batchSize }: BatchDelete<T>,
): Promise<number> {
  // The table is chosen at run time; its columns are checked by BatchDelete's types above.
  const loose = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const matches = where as unknown as (
    eb: ExpressionBuilder<Record<string, Record<string, unknown>>, string>,
  ) => Expression<SqlBool>;
  const columns = key as readonly string[];
  let deleted = 0;
  for (;;) {
    const rows = await loose
      .selectFrom(table as string)
      .select(columns)
      .where(matches)
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return deleted;
    const result = await loose
      .deleteFrom(table as string)
      .where(matches)
      .where((eb) =>
        columns.length === 1
          ? eb(
              columns[0]!,
              'in',
              rows.map((row) => row[columns[0]!]),
            )
          : eb.or(rows.map((row) => eb.and(columns.map((column) => eb(column, '=', row[column]))))),
      )
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
    if (rows.length < batchSize) return deleted;
    // Lets other work run between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Authorization codes never redeemed that expired before `now` (Unix seconds). */
export function deleteUnredeemedCodeRows(db: Kysely<Database>, now: number, batchSize: number): Promise<number> {
  return deleteInBatches(db, {
    table: 'token',
    key: ['owner', 'name'],
    where: (eb) => eb.and([eb('codeHash', '<>', ''), eb('codeIsUsed', '=', 0), eb('codeExpireIn', '<', now)]),
    batchSize,
  });
}

/** Sign-in sessions that expired before `now` (Unix seconds). */
export function deleteExpiredSessionRows(db: Kysely<Database>, now: number, batchSize: number): Promise<number> {
  return deleteInBatches(db, {
    table: 'session',
    key: ['sessionId'],
    where: (eb) => eb('expireTime', '<', now),
    batchSize,
  });
}

/** Rate-limit counts of windows before `windowIndex`. */
export function deleteRateLimitRowsBefore(
  db: Kysely<Database>,
  windowIndex: number,
  batchSize: number,
): Promise<number> {
  return deleteInBatches(db, {
    table: 'rate_limit',
    key: ['bucket', 'key', 'windowIndex'],
    where: (eb) => eb('windowIndex', '<', windowIndex),
    batchSize,
  });
}

/** Each organization's `tokenRetentionDays` as stored. */
export async function listTokenRetentionDays(
  db: Kysely<Database>,
): Promise<{ name: string; tokenRetentionDays: number }[]> {
  const rows = await db.selectFrom('organization').select(['name', 'tokenRetentionDays']).execute();
  return rows.map((row) => ({ name: row.name, tokenRetentionDays: Number(row.tokenRetentionDays) }));
}

/** The times of token rows created before `createdBefore`, after the row `after`, in creation order (a page of a scan). */
export async function listTokenTimesCreatedBefore(
  db: Kysely<Database>,
  createdBefore: string,
  after: { createdTime: string; name: string },
  limit: number,
) {
  return db
    .selectFrom('token')
    .select(['name', 'familyId', 'organization', 'createdTime', 'expiresIn', 'refreshExpiresAt'])
    .where('createdTime', '<', createdBefore)
    .where((eb) =>
      eb.or([
        eb('createdTime', '>', after.createdTime),
        eb.and([eb('createdTime', '=', after.createdTime), eb('name', '>', after.name)]),
      ]),
    )
    .orderBy('createdTime')
    .orderBy('name')
    .limit(limit)
    .execute();
}

/** The times of the rows of one grant (token family). */
export async function listTokenFamilyTimes(db: Kysely<Database>, familyId: string) {
  return db
    .selectFrom('token')
    .select(['organization', 'createdTime', 'expiresIn', 'refreshExpiresAt'])
    .where('familyId', '=', familyId)
    .execute();
}

/** Deletes a grant created before `createdBefore`: a row of its own (no family) named `grant`, or every row of family `grant`. */
export async function deleteTokenGrant(db: Kysely<Database>, grant: string, createdBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('token')
    .where((eb) => eb.or([eb('familyId', '=', grant), eb.and([eb('familyId', '=', ''), eb('name', '=', grant)])]))
    .where('createdTime', '<', createdBefore)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Sign-ins that waited for a second factor or for an outside provider, enrolments never finished and passkey challenges never answered, that expired before `now` (Unix seconds). */
export async function deleteExpiredMultiFactorRows(
  db: Kysely<Database>,
  now: number,
  batchSize: number,
): Promise<number> {
  const pending = await deleteInBatches(db, {
    table: 'mfa_pending_signin',
    key: ['id'],
    where: (eb) => eb('expiresAt', '<', now),
    batchSize,
  });
  const enrolments = await deleteInBatches(db, {
    table: 'mfa_enrolment',
    key: ['userId'],
    where: (eb) => eb('expiresAt', '<', now),
    batchSize,
  });
  const challenges = await deleteInBatches(db, {
    table: 'webauthn_challenge',
    key: ['id'],
    where: (eb) => eb('expiresAt', '<', now),
    batchSize,
  });
  // Sign-ins sent to an outside provider that never came back.
  const federated = await deleteInBatches(db, {
    table: 'federated_signin',
    key: ['id'],
    where: (eb) => eb('expiresAt', '<', now),
    batchSize,
  });
  return pending + enrolments + challenges + federated;
}

/** Captcha answers never used that expired before `now` (Unix seconds). */
export function deleteExpiredCaptchaChallenges(db: Kysely<Database>, now: number, batchSize: number): Promise<number> {
  return deleteInBatches(db, {
    table: 'captcha_challenge',
    key: ['id'],
    where: (eb) => eb('expiresAt', '<', now),
    batchSize,
  });
}

/** Verification codes sent before `before` (Unix milliseconds): long expired, and no longer counted against any limit. */
export function deleteOldVerificationCodes(db: Kysely<Database>, before: number, batchSize: number): Promise<number> {
  return deleteInBatches(db, {
    table: 'verification_code',
    key: ['id'],
    where: (eb) => eb('createdAt', '<', before),
    batchSize,
  });
}

/** Delivery log entries untouched since `before` (see migration 0880). */
export function deleteOldDeliveryLog(db: Kysely<Database>, before: number, batchSize: number): Promise<number> {
  return deleteInBatches(db, {
    table: 'outbound_delivery_log',
    key: ['id'],
    where: (eb) => eb('updatedAt', '<', before),
    batchSize,
  });
}
