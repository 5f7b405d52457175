import type { User } from '@latchkey/types';
import { type Static, Type as T } from '@sinclair/typebox';
import { enrolledSecondFactors, TOTP_FACTOR } from '../../core/identity/second-factors.ts';

/** Casdoor's MfaProps: one second factor of a user, as the MFA routes and the sign-in's `NextMfa` answer describe it. */
export const MfaProps = T.Object(
  {
    enabled: T.Boolean(),
    isPreferred: T.Boolean(),
    mfaType: T.String({
      description:
        'app (authenticator app, TOTP) or webauthn (a passkey, Latchkey addition); Casdoor also names sms, email, radius and push',
      examples: ['app'],
    }),
    secret: T.Optional(T.String({ description: 'At set-up only: the new TOTP secret (base32)' })),
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
  if (type === 'sms') return user.mfaPhoneEnabled;
  if (type === 'email') return user.mfaEmailEnabled;
  return enrolledSecondFactors(user).includes(type);
}

/** Every factor of a user, set up or not, without secrets (Casdoor's GetAllMfaProps, masked). */
export function allMfaProps(user: User): MfaProps[] {
  return casdoorTypes.map((mfaType) => ({
    enabled: enabledIn(user, mfaType),
    isPreferred: user.preferredMfaType === mfaType,
    mfaType,
    mfaRememberInHours: 0,
  }));
}

/** The factors a sign-in's second step may use: those set up that Latchkey can check (Casdoor's `NextMfa` list). */
export function signInMfaProps(user: User): MfaProps[] {
  return enrolledSecondFactors(user).map((mfaType) => ({
    enabled: true,
    isPreferred: user.preferredMfaType === mfaType,
    mfaType,
    mfaRememberInHours: 0,
  }));
}

/** Casdoor's answers to a sign-in that needs a second step. */
export const NEXT_MFA = 'NextMfa';
export const REQUIRED_MFA = 'RequiredMfa';
