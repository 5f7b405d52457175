import { countWebauthnCredentials, findWebauthnCredential, insertWebauthnCredential } from '@latchkey/db';
import type { User, WebauthnCredentialSummary } from '@latchkey/types';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { type AppContext, nowText } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { HARDWARE_KEY_FACTOR, SOFTWARE_KEY_FACTOR } from '../../core/identity/second-factors.ts';
import { keepChallenge, takeChallengeOf } from './challenges.ts';
import { checkPasskeyName, MAX_PASSKEYS_PER_USER, refreshPasskeyList } from './credentials.ts';
import { relyingPartyOf } from './relying-party.ts';
import { webauthn } from './webauthn.ts';

/**
 * webauthn/signup/begin: the options for `navigator.credentials.create()` (Casdoor's answer,
 * `{publicKey: …}`): a fresh challenge kept on the server for this user, the user's passkeys
 * excluded (an authenticator is registered once), a discoverable credential preferred, attestation
 * `none`.
 */
export async function beginRegistration(
  context: AppContext,
  user: User,
  pendingSignin = '',
): Promise<{ publicKey: PublicKeyCredentialCreationOptionsJSON }> {
  if ((await countWebauthnCredentials(context.db, user.id)) >= MAX_PASSKEYS_PER_USER)
    throw new ApiError('passkey.too_many', { limit: MAX_PASSKEYS_PER_USER });
  const rp = relyingPartyOf(context);
  const { generateRegistrationOptions } = await webauthn();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: new TextEncoder().encode(user.id),
    userName: `${user.owner}/${user.name}`,
    userDisplayName: user.displayName || user.name,
    attestationType: 'none',
    excludeCredentials: user.webauthnCredentials.map((credential) => ({ id: credential.id })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    extensions: { credProps: true },
  });
  await keepChallenge(context, options.challenge, 'register', { userId: user.id, pendingSignin });
  return { publicKey: options };
}

/** A passkey just stored: the user's passkeys, and the factor the new one counts as (RFC 8176 `hwk`, or `swk` when synced). */
export interface RegisteredPasskey {
  passkeys: WebauthnCredentialSummary[];
  factor: typeof HARDWARE_KEY_FACTOR | typeof SOFTWARE_KEY_FACTOR;
}

/**
 * webauthn/signup/finish: checks the browser's answer against the challenge issued to this user
 * (once; within `pendingSignin` when the challenge was issued for a sign-in's required set-up), the
 * server's origin and RP ID, and stores the new passkey with its name.
 */
export async function finishRegistration(
  context: AppContext,
  user: User,
  response: unknown,
  name: string,
  pendingSignin = '',
): Promise<RegisteredPasskey> {
  const label = checkPasskeyName(name);
  const { challenge, record } = await takeChallengeOf(context, response, 'register');
  if (record.userId !== user.id || record.pendingSignin !== pendingSignin)
    throw new ApiError('passkey.challenge_missing');
  const rp = relyingPartyOf(context);
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    const { verifyRegistrationResponse } = await webauthn();
    verification = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: false,
    });
  } catch (error) {
    context.log.info('passkey registration refused', { reason: error instanceof Error ? error.message : 'unknown' });
    throw new ApiError('passkey.verification_failed');
  }
  if (!verification.verified || !verification.registrationInfo) throw new ApiError('passkey.verification_failed');
  const info = verification.registrationInfo;
  if (await findWebauthnCredential(context.db, info.credential.id)) throw new ApiError('passkey.already_registered');
  if ((await countWebauthnCredentials(context.db, user.id)) >= MAX_PASSKEYS_PER_USER)
    throw new ApiError('passkey.too_many', { limit: MAX_PASSKEYS_PER_USER });
  await insertWebauthnCredential(context.db, {
    id: info.credential.id,
    userId: user.id,
    owner: user.owner,
    name: label,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    transports: info.credential.transports ?? [],
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    aaguid: info.aaguid,
    createdTime: nowText(context),
    lastUsedTime: '',
  });
  return {
    passkeys: await refreshPasskeyList(context, user.id),
    factor: info.credentialDeviceType === 'multiDevice' ? SOFTWARE_KEY_FACTOR : HARDWARE_KEY_FACTOR,
  };
}
