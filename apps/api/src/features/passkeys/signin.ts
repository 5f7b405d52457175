import { findApplicationByClientId, findUser, listWebauthnCredentials } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import type { generateAuthenticationOptions, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { recordCompletedSignIn } from '../../core/identity/password-signin.ts';
import { USER_VERIFIED_FACTOR } from '../../core/identity/second-factors.ts';
import { signInRefusal } from '../../core/identity/sign-in-rules.ts';
import { requestInfo } from '../../http/request-info.ts';
import { loginApplication } from '../account/login.ts';
import { finishSignIn } from '../account/sign-in.ts';
import { pendingSigninOf } from '../mfa/pending-signin.ts';
import { passkeyCodeSignIn } from '../oauth/spa-login.ts';
import { verifyAssertion } from './assertion.ts';
import { keepChallenge, takeChallengeOf } from './challenges.ts';
import { passkeySigninEnabled, relyingPartyOf } from './relying-party.ts';
import { webauthn } from './webauthn.ts';

export interface SigninBeginQuery {
  owner: string;
  name: string;
  /** `mfa`: the second step of the browser's pending sign-in (Latchkey addition). */
  purpose: string;
}

type RequestOptions = { publicKey: PublicKeyCredentialRequestOptionsJSON };

async function optionsFor(
  context: AppContext,
  allow: { id: string; transports: string[] }[],
  userVerification: 'required' | 'preferred',
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const { generateAuthenticationOptions } = await webauthn();
  return generateAuthenticationOptions({
    rpID: relyingPartyOf(context).id,
    allowCredentials: allow.map((credential) => ({
      id: credential.id,
      transports: credential.transports as NonNullable<
        Parameters<typeof generateAuthenticationOptions>[0]['allowCredentials']
      >[number]['transports'],
    })),
    userVerification,
  });
}

/**
 * webauthn/signin/begin: the options for `navigator.credentials.get()` (Casdoor's answer,
 * `{publicKey: …}`). With `purpose=mfa`, the second step of the browser's pending sign-in: the
 * pending user's passkeys. With `owner` and `name` of a user who has passkeys: those passkeys.
 * Otherwise a discoverable sign-in (the authenticator picks the passkey). Sign-ins without password
 * require user verification. The challenge is kept on the server for one answer.
 */
export async function beginSignin(
  context: AppContext,
  request: Request,
  query: SigninBeginQuery,
): Promise<RequestOptions> {
  if (query.purpose === 'mfa') {
    const pending = await pendingSigninOf(context, request);
    if (pending?.stage !== 'verify') throw new ApiError('mfa.signin_expired');
    const credentials = await listWebauthnCredentials(context.db, pending.userId);
    if (credentials.length === 0) throw new ApiError('mfa.not_enrolled', { type: 'webauthn' });
    const options = await optionsFor(context, credentials, 'preferred');
    await keepChallenge(context, options.challenge, 'mfa', { userId: pending.userId, pendingSignin: pending.id });
    return { publicKey: options };
  }
  const user = query.owner && query.name ? await findUser(context.db, query.owner, query.name) : undefined;
  const credentials = user ? await listWebauthnCredentials(context.db, user.id) : [];
  const options = await optionsFor(context, credentials, 'required');
  await keepChallenge(context, options.challenge, 'signin', { userId: credentials.length > 0 ? user!.id : '' });
  return { publicKey: options };
}

export interface SigninFinishQuery {
  responseType: string;
  clientId: string;
  application: string;
  [name: string]: string | undefined;
}

/** What webauthn/signin/finish answers: as POST /api/login does (the user's id, or an authorization code), and the cookies. */
export interface PasskeySignedIn {
  data: string;
  cookies: string[];
}

/**
 * webauthn/signin/finish, a sign-in with a passkey alone: the answer must use a challenge of
 * webauthn/signin/begin (once), verify with user verification, and the application (the client's
 * for `responseType=code`, else `application`, else the console's own) must allow passkey sign-in
 * and the user. The passkey with its user verification counts as two factors, so no second step
 * follows; the ID token's `amr` says `hwk` (or `swk`) and `mfa`.
 */
export async function finishSignin(
  context: AppContext,
  request: Request,
  query: SigninFinishQuery,
  response: unknown,
): Promise<PasskeySignedIn> {
  const code = query.responseType === 'code';
  const application = code
    ? await findApplicationByClientId(context.db, query.clientId)
    : await loginApplication(context, query.application || undefined);
  if (!application) throw new ApiError('auth.application_not_found', { name: query.clientId });
  const { user, factors } = await checkPasskeySignIn(context, request, application, response);
  if (code) {
    const result = await passkeyCodeSignIn(context, request, query, user, factors);
    return { data: result.code, cookies: result.sessionCookie ? [result.sessionCookie] : [] };
  }
  const signedIn = await finishSignIn(context, request, { user, application, factors, autoSignin: false });
  return { data: `${user.owner}/${user.name}`, cookies: [signedIn.cookie!] };
}

/**
 * A sign-in with a passkey alone to an application, up to the session: the application must allow
 * passkey sign-in, the answer must use a challenge of webauthn/signin/begin (once) and verify with
 * user verification, and the application must allow the user. Answers the user and the factors
 * passed (the key and its user verification); the sign-in is recorded as completed.
 */
export async function checkPasskeySignIn(
  context: AppContext,
  request: Request,
  application: Application,
  response: unknown,
): Promise<{ user: User; factors: string[] }> {
  if (!passkeySigninEnabled(application)) throw new ApiError('passkey.signin_disabled');
  const { challenge, record } = await takeChallengeOf(context, response, 'signin');
  const verified = await verifyAssertion(context, response, challenge, record, true);
  const { user } = verified;
  const refusal = await signInRefusal(context, application, user);
  if (refusal === 'other_organization') throw new ApiError('passkey.unknown_credential');
  if (refusal)
    throw new ApiError(
      refusal === 'user_forbidden' || refusal === 'user_deleted'
        ? 'auth.user_forbidden'
        : 'auth.password_signin_disabled',
    );
  await recordCompletedSignIn(context, user, requestInfo(request).clientIp);
  return { user, factors: [verified.factor, USER_VERIFIED_FACTOR] };
}

/**
 * The second step of a pending sign-in with a passkey (`mfaType: "webauthn"`, the answer as JSON in
 * `passcode`): the challenge must be one issued for this pending sign-in. Answers the factor it
 * counts as, or undefined when the answer is wrong (counted into the lockout by the caller).
 */
export async function checkPasskeySecondFactor(
  context: AppContext,
  pendingId: string,
  userId: string,
  passcode: string,
): Promise<string | undefined> {
  let response: unknown;
  try {
    response = JSON.parse(passcode);
  } catch {
    return undefined;
  }
  try {
    const { challenge, record } = await takeChallengeOf(context, response, 'mfa');
    if (record.pendingSignin !== pendingId || record.userId !== userId) return undefined;
    const verified = await verifyAssertion(context, response, challenge, record, false);
    return verified.factor;
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}
