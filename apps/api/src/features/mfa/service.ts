import { deleteMultiFactorStateOfUser, findUser, updateUserFields } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { recordCompletedSignIn } from '../../core/identity/password-signin.ts';
import { isSignedIn, notAllowed, pleaseSignIn, requireSelfOrAdminOf } from '../../core/identity/privileges.ts';
import { enrolledSecondFactors, WEBAUTHN_FACTOR } from '../../core/identity/second-factors.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../../core/mfa/recovery-codes.ts';
import { checkEnrolmentCode, enableEnrolment, passcodeError, requireMethod, startEnrolment } from './enrolment.ts';
import { type PendingSignin, pendingSigninOf } from './pending-signin.ts';
import { allMfaProps, type MfaProps } from './props.ts';
import { enableWithinPendingSignin, hasSecondFactor, partiesOf } from './second-step.ts';

/** Who calls an MFA set-up route: a signed-in caller, or a browser whose sign-in waits for the user to set up a required factor. */
export interface MfaCaller {
  identity: Identity;
  request: Request;
  clientIp: string;
}

/** The user a route is about, named by `owner` and `name` (the caller's own account when both are empty). */
export interface UserNamed {
  owner: string;
  name: string;
}

interface Target {
  user: User;
  /** The pending sign-in the caller set up a factor within. */
  pending?: PendingSignin;
}

async function findTarget(context: AppContext, owner: string, name: string): Promise<User> {
  const user = await findUser(context.db, owner, name);
  if (!user) throw new ApiError('auth.user_not_found', { id: `${owner}/${name}` });
  return user;
}

/**
 * Whose factor a set-up route changes, and whether the caller may: the user themselves or an
 * administrator of the user's organization (an application of it included, as the SDK calls these
 * routes); or, without a sign-in, the browser of a pending sign-in that waits for exactly this user
 * to set up a required factor (Casdoor's `RequiredMfa`).
 */
async function setUpTarget(context: AppContext, caller: MfaCaller, named: UserNamed): Promise<Target> {
  const { identity } = caller;
  if (isSignedIn(identity)) {
    const self = !named.owner && !named.name && identity.kind === 'user';
    const owner = self ? identity.organization : named.owner;
    const name = self ? identity.name : named.name;
    requireSelfOrAdminOf(identity, owner, name);
    return { user: await findTarget(context, owner, name) };
  }
  const pending = await pendingSigninOf(context, caller.request);
  if (!pending) throw pleaseSignIn();
  if (pending.stage !== 'enrol' || hasSecondFactor(pending.factors)) throw notAllowed();
  if ((named.owner || named.name) && (named.owner !== pending.owner || named.name !== pending.name)) throw notAllowed();
  const { user } = await partiesOf(context, pending);
  return { user, pending };
}

/** mfa/setup/initiate: a new secret (with its URI and QR code) and new recovery codes, kept on the server until enabled. */
export async function initiateSetup(
  context: AppContext,
  caller: MfaCaller,
  named: UserNamed,
  mfaType: string,
): Promise<MfaProps> {
  requireMethod(mfaType);
  const { user, pending } = await setUpTarget(context, caller, named);
  if (pending?.factors.includes(mfaType)) throw new ApiError('mfa.same_factor');
  const started = await startEnrolment(context, user, mfaType, pending?.id ?? '');
  return {
    enabled: false,
    isPreferred: false,
    mfaType: started.mfaType,
    secret: started.secret,
    ...(started.url ? { url: started.url, qrCode: started.qrCode } : {}),
    recoveryCodes: started.recoveryCodes,
    mfaRememberInHours: 0,
  };
}

/** mfa/setup/verify: the first code of the new secret proves the user has it. */
export async function verifySetup(
  context: AppContext,
  caller: MfaCaller,
  named: UserNamed,
  input: { mfaType: string; passcode: string; secret?: string },
): Promise<void> {
  if (!input.passcode) throw new ApiError('general.missing_parameter', { name: 'passcode' });
  const { user } = await setUpTarget(context, caller, named);
  const check = await checkEnrolmentCode(context, user, input);
  if (check !== 'ok') throw passcodeError(check);
}

/**
 * mfa/setup/enable: the proven secret and the recovery codes shown with it become the user's. Within
 * a pending sign-in, the sign-in has then passed the factor; its next `/api/login` call completes it.
 */
export async function enableSetup(context: AppContext, caller: MfaCaller, named: UserNamed): Promise<void> {
  const { user, pending } = await setUpTarget(context, caller, named);
  if (!pending) {
    await enableEnrolment(context, user);
    return;
  }
  await enableWithinPendingSignin(context, pending, user);
  await recordCompletedSignIn(context, user, caller.clientIp);
}

/**
 * delete-mfa: turns every second factor of a user off (secret, recovery codes, preferred factor,
 * Casdoor's SMS and email flags) and drops their set-ups and sign-ins in progress. The user
 * themselves, or an administrator of their organization resetting a user who lost their device;
 * recorded in the audit log as every write is, by whom and for whom.
 */
export async function deleteMfa(context: AppContext, identity: Identity, named: UserNamed): Promise<MfaProps[]> {
  requireSelfOrAdminOf(identity, named.owner, named.name);
  const user = await findTarget(context, named.owner, named.name);
  const changes: Partial<User> = {
    totpSecret: '',
    recoveryCodes: [],
    preferredMfaType: '',
    mfaPhoneEnabled: false,
    mfaEmailEnabled: false,
  };
  await updateUserFields(context.db, user.owner, user.name, changes);
  await deleteMultiFactorStateOfUser(context.db, user.id);
  return allMfaProps({ ...user, ...changes });
}

/** set-preferred-mfa: which factor a sign-in offers first; it must be one the user has set up. */
export async function setPreferredMfa(
  context: AppContext,
  identity: Identity,
  named: UserNamed,
  mfaType: string,
): Promise<MfaProps[]> {
  requireSelfOrAdminOf(identity, named.owner, named.name);
  const user = await findTarget(context, named.owner, named.name);
  // A passkey is set up through webauthn/signup, not the set-up routes, but may be the factor offered first.
  if (mfaType !== WEBAUTHN_FACTOR) requireMethod(mfaType);
  if (!enrolledSecondFactors(user).includes(mfaType)) throw new ApiError('mfa.not_enrolled', { type: mfaType });
  await updateUserFields(context.db, user.owner, user.name, { preferredMfaType: mfaType });
  return allMfaProps({ ...user, preferredMfaType: mfaType });
}

/**
 * New recovery codes for the caller's own account (Latchkey addition): the old ones stop working,
 * the new ones are shown once and stored as hashes. Only the user: an administrator who could read
 * them could sign in as the user.
 */
export async function regenerateRecoveryCodes(context: AppContext, identity: Identity): Promise<string[]> {
  if (!isSignedIn(identity)) throw pleaseSignIn();
  if (identity.kind !== 'user') throw notAllowed();
  const user = await findTarget(context, identity.organization, identity.name);
  if (enrolledSecondFactors(user).length === 0)
    throw new ApiError('mfa.not_enrolled', { type: user.preferredMfaType || 'app' });
  const codes = newRecoveryCodes();
  await updateUserFields(context.db, user.owner, user.name, { recoveryCodes: codes.map(hashRecoveryCode) });
  return codes;
}
