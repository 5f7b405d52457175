import type { User } from '@latchkey/types';
import { type Static, Type as T } from '@sinclair/typebox';
import {
  EMAIL_CODE_FACTOR,
  enrolledSecondFactors,
  SMS_CODE_FACTOR,
  TOTP_FACTOR,
} from '../../core/identity/second-factors.ts';
import { maskEmail, maskPhone } from '../verification/destinations.ts';

/** Casdoor's MfaProps: one second factor of a user, as the MFA routes and the sign-in's `NextMfa` answer describe it. */
export const MfaProps = T.Object(
  {
    enabled: T.Boolean(),
    isPreferred: T.Boolean(),
    mfaType: T.String({
      description:
        "app (authenticator app, TOTP), email or sms (a code sent to the account's own email address or phone number), or webauthn (a passkey, Latchkey addition); Casdoor also names radius and push",
      examples: ['app'],
    }),
    secret: T.Optional(
      T.String({
        description:
          'At set-up: the new TOTP secret (base32), or where the codes of email / sms go; in lists: that address or number, masked',
      }),
    ),
    countryCode: T.Optional(T.String()),
    url: T.Optional(T.String({ description: 'At set-up only: the otpauth:// URI' })),
    recoveryCodes: T.Optional(
      T.Array(T.String(), { description: 'At set-up only: the new recovery codes, shown this once' }),
    ),
    qrCode: T.Optional(
      T.String({ description: 'At set-up only (Latchkey addition): the URI as a QR code, a data:image/png URL' }),
    ),
    mfaRememberInHours: T.Integer({ description: 'Always 0: a sign-in always asks for the second factor' }),
  },
  { additionalProperties: true },
);
export type MfaProps = Static<typeof MfaProps>;

/** Casdoor's order of the factors in lists (passkeys are listed by webauthn/get-credentials and the user's `webauthnCredentials`). */
const casdoorTypes = ['sms', 'email', TOTP_FACTOR, 'radius', 'push'] as const;

function enabledIn(user: User, type: string): boolean {
  if (type === SMS_CODE_FACTOR) return user.mfaPhoneEnabled;
  if (type === EMAIL_CODE_FACTOR) return user.mfaEmailEnabled;
  return enrolledSecondFactors(user).includes(type);
}

/** Where the codes of an enabled email or SMS factor go, masked (Casdoor's masked `secret`), and a phone's country. */
function destinationOf(user: User, type: string): Pick<MfaProps, 'secret' | 'countryCode'> {
  if (type === EMAIL_CODE_FACTOR && user.mfaEmailEnabled) return { secret: maskEmail(user.email) };
  if (type === SMS_CODE_FACTOR && user.mfaPhoneEnabled)
    return { secret: maskPhone(user.phone), countryCode: user.countryCode };
  return {};
}

/** Every factor of a user, set up or not, without secrets (Casdoor's GetAllMfaProps, masked). */
export function allMfaProps(user: User): MfaProps[] {
  return casdoorTypes.map((mfaType) => ({
    enabled: enabledIn(user, mfaType),
    isPreferred: user.preferredMfaType === mfaType,
    mfaType,
    ...destinationOf(user, mfaType),
    mfaRememberInHours: 0,
  }));
}

/**
 * The factors a sign-in's second step may use (Casdoor's `NextMfa` list): those set up that Latchkey
 * can check, but not one the sign-in has passed already (a code sent by email, to sign in with it).
 */
export function signInMfaProps(user: User, passed: readonly string[] = []): MfaProps[] {
  return enrolledSecondFactors(user)
    .filter((mfaType) => !passed.includes(mfaType))
    .map((mfaType) => ({
      enabled: true,
      isPreferred: user.preferredMfaType === mfaType,
      mfaType,
      ...destinationOf(user, mfaType),
      mfaRememberInHours: 0,
    }));
}

/** Casdoor's answers to a sign-in that needs a second step. */
export const NEXT_MFA = 'NextMfa';
export const REQUIRED_MFA = 'RequiredMfa';
