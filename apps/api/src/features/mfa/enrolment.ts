import {
  findEnrolment,
  findOrganization,
  markEnrolmentVerified,
  replaceEnrolment,
  takeVerifiedEnrolment,
  updateUserFields,
} from '@latchkey/db';
import type { User } from '@latchkey/types';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { secretsEqual } from '../../core/crypto/compare.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { TOTP_FACTOR } from '../../core/identity/second-factors.ts';
import { hashRecoveryCode, newRecoveryCodes } from '../../core/mfa/recovery-codes.ts';
import { methodOf, type PasscodeCheck, type SecondFactorMethod } from './factors.ts';

/** How long a set-up may take between its start and its enabling. */
export const ENROLMENT_SECONDS = 600;

/** What the start of a set-up shows the user, once: the secret, its URI and QR code, and the recovery codes. */
export interface EnrolmentStart {
  mfaType: string;
  secret: string;
  /** The `otpauth://` URI ('' for a code sent to the user). */
  url: string;
  /** The URI as a QR code, a `data:image/png` URL ('' when there is no URI). */
  qrCode: string;
  /** Shown now and never again; stored only as hashes. */
  recoveryCodes: string[];
}

export function requireMethod(type: string): SecondFactorMethod {
  const method = methodOf(type || '');
  if (!method) throw new ApiError('mfa.type_unsupported', { type: type || '""' });
  return method;
}

/** The name authenticator apps show for the account: the organization's display name (Casdoor's issuer). */
async function issuerFor(context: AppContext, user: User): Promise<string> {
  const organization = await findOrganization(context.db, user.owner);
  return organization?.displayName || organization?.name || 'Latchkey';
}

/**
 * Starts setting up a second factor (Casdoor's `mfa/setup/initiate`): a new secret and new
 * recovery codes, kept on the server (the secret sealed, the codes hashed) until the user proves
 * the secret with a code and enables it. A new start replaces one in progress.
 */
export async function startEnrolment(
  context: AppContext,
  user: User,
  type: string,
  pendingSignin = '',
): Promise<EnrolmentStart> {
  const method = requireMethod(type);
  const setup = method.begin(context, user, await issuerFor(context, user));
  const recoveryCodes = newRecoveryCodes();
  await replaceEnrolment(context.db, {
    userId: user.id,
    owner: user.owner,
    name: user.name,
    mfaType: method.type,
    secret: context.secrets.seal(setup.secret),
    // Sealed, so that a page can show them again until the set-up is enabled; the user row keeps only hashes.
    recoveryCodes: recoveryCodes.map((code) => context.secrets.seal(code)),
    verifiedAt: 0,
    pendingSignin,
    expiresAt: nowSeconds(context) + ENROLMENT_SECONDS,
  });
  return {
    mfaType: method.type,
    secret: setup.secret,
    url: setup.url,
    qrCode: await qrCodeOf(setup.url),
    recoveryCodes,
  };
}

/** The QR code of an otpauth URL; the library is loaded by the first enrolment. */
async function qrCodeOf(url: string): Promise<string> {
  if (!url) return '';
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
}

/**
 * The set-up a pending sign-in shows: the one it began, while it lasts (so that a wrong first code
 * does not change the QR code the user has just scanned), else a new one.
 */
export async function enrolmentForPendingSignin(
  context: AppContext,
  user: User,
  type: string,
  pendingSignin: string,
): Promise<EnrolmentStart> {
  const existing = await findEnrolment(context.db, user.id, nowSeconds(context));
  if (!existing || existing.pendingSignin !== pendingSignin || existing.mfaType !== type)
    return startEnrolment(context, user, type, pendingSignin);
  const secret = context.secrets.open(existing.secret);
  const { url } = requireMethod(type).describe(context, user, secret, await issuerFor(context, user));
  return {
    mfaType: type,
    secret,
    url,
    qrCode: await qrCodeOf(url),
    recoveryCodes: existing.recoveryCodes.map((code) => context.secrets.open(code)),
  };
}

/**
 * Checks a code against the set-up in progress (Casdoor's `mfa/setup/verify`), without raising
 * errors for a wrong one: answers what the check found, and marks the set-up proven when it is
 * right. The secret is the server's; a `secret` the client sends back (Casdoor's page does) must be
 * that one.
 */
export async function checkEnrolmentCode(
  context: AppContext,
  user: User,
  input: { mfaType?: string; passcode: string; secret?: string },
): Promise<PasscodeCheck> {
  const enrolment = await findEnrolment(context.db, user.id, nowSeconds(context));
  if (!enrolment || (input.mfaType && input.mfaType !== enrolment.mfaType)) throw new ApiError('mfa.enrolment_missing');
  const secret = context.secrets.open(enrolment.secret);
  // A code sent to the user has no secret to send back (Casdoor's page sends what initiate answered, or nothing).
  if (enrolment.mfaType === TOTP_FACTOR && input.secret && !secretsEqual(input.secret.replace(/\s+/g, ''), secret))
    throw new ApiError('mfa.enrolment_missing');
  const check = await requireMethod(enrolment.mfaType).check(context, user, secret, input.passcode, {
    purpose: 'mfaSetup',
  });
  if (check === 'ok' && !(await markEnrolmentVerified(context.db, user.id, enrolment.secret, nowSeconds(context)))) {
    throw new ApiError('mfa.enrolment_missing');
  }
  return check;
}

/** The error of a code that was not right. */
export function passcodeError(check: Exclude<PasscodeCheck, 'ok'>): ApiError {
  return new ApiError(check === 'used' ? 'mfa.passcode_used' : 'mfa.passcode_wrong');
}

/**
 * Enables a proven set-up (Casdoor's `mfa/setup/enable`): the factor is on (a TOTP secret stored,
 * or Casdoor's `mfaEmailEnabled` / `mfaPhoneEnabled` set), the recovery codes become the new ones (the old codes stop working), and it becomes the preferred factor when the
 * user had none. Answers the updated user and the factor enabled.
 */
export async function enableEnrolment(context: AppContext, user: User): Promise<{ user: User; mfaType: string }> {
  const enrolment = await takeVerifiedEnrolment(context.db, user.id, nowSeconds(context));
  if (!enrolment) {
    const unproven = await findEnrolment(context.db, user.id, nowSeconds(context));
    throw new ApiError(unproven ? 'mfa.enrolment_not_verified' : 'mfa.enrolment_missing');
  }
  const changes: Partial<User> = {
    ...requireMethod(enrolment.mfaType).enable(user, enrolment.secret),
    recoveryCodes: enrolment.recoveryCodes.map((code) => hashRecoveryCode(context.secrets.open(code))),
    preferredMfaType:
      user.preferredMfaType && methodOf(user.preferredMfaType) ? user.preferredMfaType : enrolment.mfaType,
  };
  await updateUserFields(context.db, user.owner, user.name, changes);
  return { user: { ...user, ...changes }, mfaType: enrolment.mfaType };
}
