import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { codecs } from '../table-codecs.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface CaptchaChallenge {
  id: string;
  answerHash: string;
  provider: string;
  expiresAt: number;
}

/** Stores the answer of a captcha given out. */
export async function insertCaptchaChallenge(db: Db, challenge: CaptchaChallenge): Promise<void> {
  await db.insertInto('captcha_challenge').values(codecs.captcha_challenge.encode(challenge)).execute();
}

/**
 * Takes a captcha's answer out of the store, whatever the answer given: a captcha is checked once.
 * Of concurrent checks only one gets it. Undefined when it does not exist, was used or expired.
 */
export async function takeCaptchaChallenge(db: Db, id: string, now: number): Promise<CaptchaChallenge | undefined> {
  const row = await db.deleteFrom('captcha_challenge').where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) return undefined;
  const challenge = codecs.captcha_challenge.decode(row);
  return challenge.expiresAt > now ? challenge : undefined;
}
