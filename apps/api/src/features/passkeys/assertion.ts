import {
  findUserById,
  findWebauthnCredential,
  recordWebauthnUse,
  type WebauthnChallengeRecord,
  type WebauthnCredentialRecord,
} from '@latchkey/db';
import type { User } from '@latchkey/types';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import { type AppContext, nowText } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { HARDWARE_KEY_FACTOR, SOFTWARE_KEY_FACTOR } from '../../core/identity/second-factors.ts';
import { normalCredentialId, refreshPasskeyList } from './credentials.ts';
import { relyingPartyOf } from './relying-party.ts';
import { webauthn } from './webauthn.ts';

/** A passkey answer that was verified: whose, which, and the factor it counts as (RFC 8176 `hwk` or `swk`). */
export interface VerifiedAssertion {
  user: User;
  credential: WebauthnCredentialRecord;
  factor: typeof HARDWARE_KEY_FACTOR | typeof SOFTWARE_KEY_FACTOR;
  userVerified: boolean;
}

const refused = () => new ApiError('passkey.verification_failed');

/**
 * The user handles a discoverable passkey of this user may carry (base64url): the user's id, which
 * Latchkey registers, and `owner/name`, which Casdoor registers (its passkeys keep it after an import).
 */
const userHandlesOf = (user: User) =>
  [user.id, `${user.owner}/${user.name}`].map((handle) => Buffer.from(handle).toString('base64url'));

/**
 * Verifies a browser's answer to a sign-in challenge already taken (`challenge`, its `record`): the
 * credential must be registered here (to the user the challenge was issued for, when it names one),
 * signed over this challenge, from the server's origin and RP ID, with user verification when
 * `requireUserVerification`, and with a counter above the one stored (a cloned authenticator
 * replays an old counter). The counter and the time of use are then stored, once.
 */
export async function verifyAssertion(
  context: AppContext,
  response: unknown,
  challenge: string,
  record: WebauthnChallengeRecord,
  requireUserVerification: boolean,
): Promise<VerifiedAssertion> {
  const rawId = (response as { id?: unknown } | null)?.id;
  if (typeof rawId !== 'string' || rawId.length === 0 || rawId.length > 1024)
    throw new ApiError('passkey.response_invalid');
  const credential = await findWebauthnCredential(context.db, normalCredentialId(rawId));
  // Another user's passkey answers a challenge issued for this user as an unknown one would.
  if (!credential || (record.userId && credential.userId !== record.userId))
    throw new ApiError('passkey.unknown_credential');
  const user = await findUserById(context.db, credential.userId);
  if (!user) throw new ApiError('passkey.unknown_credential');
  const userHandle = (response as { response?: { userHandle?: unknown } }).response?.userHandle;
  if (typeof userHandle === 'string' && userHandle !== '' && !userHandlesOf(user).includes(userHandle)) throw refused();
  const rp = relyingPartyOf(context);
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    const { verifyAuthenticationResponse } = await webauthn();
    verification = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: {
        id: credential.id,
        publicKey: new Uint8Array(Buffer.from(credential.publicKey, 'base64url')),
        counter: credential.counter,
        transports: credential.transports as AuthenticatorTransport[],
      },
      requireUserVerification,
    });
  } catch (error) {
    context.log.info('passkey sign-in refused', { reason: error instanceof Error ? error.message : 'unknown' });
    throw refused();
  }
  if (!verification.verified) throw refused();
  const { newCounter, userVerified, credentialDeviceType } = verification.authenticationInfo;
  if (!(await recordWebauthnUse(context.db, credential.id, credential.counter, newCounter, nowText(context))))
    throw refused();
  await refreshPasskeyList(context, user.id);
  return {
    user,
    credential,
    factor: credentialDeviceType === 'multiDevice' ? SOFTWARE_KEY_FACTOR : HARDWARE_KEY_FACTOR,
    userVerified,
  };
}
