import { findApplication, findOrganization, findUser, updatePendingSignin } from '@latchkey/db';
import type { Application, Organization, User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { checkSecondFactorWithLockout } from '../../core/identity/password-signin.ts';
import {
  enrolledSecondFactors,
  hasSecondFactor,
  RECOVERY_FACTOR,
  WEBAUTHN_FACTOR,
} from '../../core/identity/second-factors.ts';
import { signInRefusal } from '../../core/identity/sign-in-rules.ts';
import { requestInfo } from '../../http/request-info.ts';
import { noteAuditAlso, noteAuditOrganization } from '../objects/audit-target.ts';
import { checkPasskeySecondFactor } from '../passkeys/signin.ts';
import { checkEnrolmentCode, enableEnrolment, passcodeError } from './enrolment.ts';
import { methodOf, type PasscodeCheck } from './factors.ts';
import type { PendingSignin } from './pending-signin.ts';
import { RECOVERY_CODE_USED_ACTION, spendRecoveryCode } from './recovery.ts';

/** What a second step presents: Casdoor's `passcode` with its `mfaType`, or a `recoveryCode`. */
export interface SecondStepInput {
  mfaType?: string;
  passcode?: string;
  recoveryCode?: string;
}

/** A pending sign-in with its user, organization and application, as they are now. */
export interface PendingParties {
  user: User;
  organization: Organization | undefined;
  application: Application;
}

export { hasSecondFactor };

/**
 * Reads who a pending sign-in is for, again: the user must still be the same (same id), and still
 * allowed to sign in to the application; otherwise the sign-in has to start again.
 */
export async function partiesOf(context: AppContext, pending: PendingSignin): Promise<PendingParties> {
  const user = await findUser(context.db, pending.owner, pending.name);
  const application = await findApplication(context.db, pending.application);
  if (!user || user.id !== pending.userId || !application || (await signInRefusal(context, application, user)))
    throw new ApiError('mfa.signin_expired');
  return { user, organization: await findOrganization(context.db, user.owner), application };
}

/**
 * The second step of a sign-in: checks a TOTP code (or another factor of the registry) or spends a
 * recovery code, under the account lockout (wrong codes count as wrong passwords do, and lock the
 * account at the same limit), and records the factor on the pending sign-in. A code that is right
 * but already used is refused like a wrong one. A recovery code used is recorded in the audit log
 * under its own action (and so reaches the webhooks listening for it). Answers the factors passed.
 */
export async function passSecondFactor(
  context: AppContext,
  request: Request,
  pending: PendingSignin,
  parties: PendingParties,
  input: SecondStepInput,
): Promise<string[]> {
  const { user, organization, application } = parties;
  noteAuditOrganization(request, user.owner);
  if (hasSecondFactor(pending.factors)) return pending.factors;
  if (pending.stage === 'enrol') throw new ApiError('mfa.enrol_first');
  const recoveryCode = input.recoveryCode?.trim() ?? '';
  const passcode = input.passcode?.trim() ?? '';
  let factor: string;
  let refusal: ApiError;
  let verify: () => Promise<boolean>;
  if (recoveryCode) {
    factor = RECOVERY_FACTOR;
    refusal = new ApiError('mfa.recovery_code_wrong');
    verify = () => spendRecoveryCode(context, user, recoveryCode);
  } else if (passcode && input.mfaType === WEBAUTHN_FACTOR) {
    // A passkey: the browser's answer to a challenge of webauthn/signin/begin?purpose=mfa, as JSON.
    if (!enrolledSecondFactors(user).includes(WEBAUTHN_FACTOR))
      throw new ApiError('mfa.not_enrolled', { type: WEBAUTHN_FACTOR });
    factor = WEBAUTHN_FACTOR;
    refusal = new ApiError('passkey.verification_failed');
    verify = async () => {
      const passed = await checkPasskeySecondFactor(context, pending.id, user.id, passcode);
      if (passed) factor = passed;
      return passed !== undefined;
    };
  } else if (passcode) {
    const type =
      input.mfaType ||
      [user.preferredMfaType, ...enrolledSecondFactors(user)].find(
        (t) => t && methodOf(t) && !pending.factors.includes(t),
      ) ||
      '';
    const method = methodOf(type);
    if (!method) throw new ApiError('mfa.type_unsupported', { type: type || '""' });
    if (!enrolledSecondFactors(user).includes(type)) throw new ApiError('mfa.not_enrolled', { type });
    // A code sent by email does not pass twice: after a sign-in with one, a second factor is another.
    if (pending.factors.includes(type)) throw new ApiError('mfa.same_factor');
    factor = type;
    refusal = passcodeError('wrong');
    verify = async () => {
      const check: PasscodeCheck = await method.check(context, user, method.secretOf(context, user), passcode, {
        purpose: 'mfaAuth',
        pendingSignin: pending.id,
      });
      if (check === 'used') refusal = passcodeError('used');
      return check === 'ok';
    };
  } else {
    throw new ApiError('mfa.passcode_missing');
  }
  if (
    !(await checkSecondFactorWithLockout(
      context,
      user,
      organization,
      application,
      verify,
      requestInfo(request).clientIp,
    ))
  )
    throw refusal;
  if (factor === RECOVERY_FACTOR)
    noteAuditAlso(request, RECOVERY_CODE_USED_ACTION, {
      owner: user.owner,
      name: user.name,
      application: application.name,
      remainingRecoveryCodes: Math.max(0, user.recoveryCodes.length - 1),
    });
  const factors = [...pending.factors, factor];
  if (!(await updatePendingSignin(context.db, pending.id, { factors }))) throw new ApiError('mfa.signin_expired');
  return factors;
}

/**
 * A required set-up within a pending sign-in: the code proves the new secret (under the account
 * lockout, as a second step does), the factor is enabled, and the sign-in has passed it. Answers
 * the factors passed.
 */
export async function passEnrolment(
  context: AppContext,
  request: Request,
  pending: PendingSignin,
  parties: PendingParties,
  input: { mfaType?: string; passcode: string; secret?: string },
): Promise<string[]> {
  const { user, organization, application } = parties;
  let refusal = passcodeError('wrong');
  const verify = async () => {
    const check = await checkEnrolmentCode(context, user, input);
    if (check === 'used') refusal = passcodeError('used');
    return check === 'ok';
  };
  if (
    !(await checkSecondFactorWithLockout(
      context,
      user,
      organization,
      application,
      verify,
      requestInfo(request).clientIp,
    ))
  )
    throw refusal;
  return enableWithinPendingSignin(context, pending, user);
}

/** Enables the proven set-up of a pending sign-in's user, and records the factor on the sign-in. */
export async function enableWithinPendingSignin(
  context: AppContext,
  pending: PendingSignin,
  user: User,
): Promise<string[]> {
  const { mfaType } = await enableEnrolment(context, user);
  return recordEnrolledFactor(context, pending, mfaType);
}

/** Records on a pending sign-in the second factor its user has just set up (an authenticator app, or a passkey). */
export async function recordEnrolledFactor(
  context: AppContext,
  pending: PendingSignin,
  factor: string,
): Promise<string[]> {
  const factors = [...pending.factors.filter((passed) => passed !== factor), factor];
  if (!(await updatePendingSignin(context.db, pending.id, { factors }))) throw new ApiError('mfa.signin_expired');
  return factors;
}
