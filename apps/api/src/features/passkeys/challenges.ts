import { insertWebauthnChallenge, takeWebauthnChallenge, type WebauthnChallengeRecord } from '@latchkey/db';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { ApiError } from '../../core/errors/api-error.ts';

/** How long a browser has to answer a challenge. */
export const CHALLENGE_SECONDS = 300;

/** What a challenge was issued for: adding a passkey, a sign-in with one, or the second step of a pending sign-in. */
export type ChallengePurpose = 'register' | 'signin' | 'mfa';

/** Keeps a challenge on the server (by its hash) for one answer, within CHALLENGE_SECONDS. */
export async function keepChallenge(
  context: AppContext,
  challenge: string,
  purpose: ChallengePurpose,
  bound: { userId?: string; pendingSignin?: string },
): Promise<void> {
  await insertWebauthnChallenge(context.db, {
    id: sha256Hex(challenge),
    purpose,
    userId: bound.userId ?? '',
    pendingSignin: bound.pendingSignin ?? '',
    expiresAt: nowSeconds(context) + CHALLENGE_SECONDS,
  });
}

/** The challenge a browser's answer signed, read from its clientDataJSON (base64url), or '' when unreadable. */
export function challengeOfAnswer(response: unknown): string {
  const clientData = (response as { response?: { clientDataJSON?: unknown } } | null)?.response?.clientDataJSON;
  if (typeof clientData !== 'string' || clientData.length > 4096) return '';
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientData, 'base64url').toString('utf8'));
    const challenge = (parsed as { challenge?: unknown } | null)?.challenge;
    return typeof challenge === 'string' && challenge.length <= 512 ? challenge : '';
  } catch {
    return '';
  }
}

/**
 * Takes the challenge an answer signed, for a purpose: it must have been issued here for that
 * purpose, not yet used, and not expired; it is used up by this call whatever the answer's fate.
 */
export async function takeChallengeOf(
  context: AppContext,
  response: unknown,
  purpose: ChallengePurpose,
): Promise<{ challenge: string; record: WebauthnChallengeRecord }> {
  const challenge = challengeOfAnswer(response);
  const record = challenge
    ? await takeWebauthnChallenge(context.db, sha256Hex(challenge), purpose, nowSeconds(context))
    : undefined;
  if (!record) throw new ApiError('passkey.challenge_missing');
  return { challenge, record };
}
