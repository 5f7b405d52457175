import { claimTotpStep } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { EMAIL_CODE_FACTOR, SMS_CODE_FACTOR, TOTP_FACTOR } from '../../core/identity/second-factors.ts';
import { matchTotpStep, newTotpSecret, totpUri } from '../../core/mfa/totp.ts';
import { useCode } from '../verification/codes.ts';
import { normalEmail, normalPhone } from '../verification/destinations.ts';

/** What checking a passcode found: right, wrong, or right but already used (a replay). */
export type PasscodeCheck = 'ok' | 'wrong' | 'used';

/** A new secret and what the user's device needs to take it. */
export interface FactorSetup {
  /** The secret in the form the device takes (base32 for TOTP); for a code sent to the user, where it goes. */
  secret: string;
  /** The `otpauth://` URI the QR code carries ('' when there is none). */
  url: string;
}

/** What a code is checked for: proving a factor being set up, or passing it in a pending sign-in. */
export type PasscodeScope = { purpose: 'mfaSetup' } | { purpose: 'mfaAuth'; pendingSignin: string };

/**
 * A kind of second factor, under Casdoor's `mfaType` name. The sign-in steps, the set-up routes and
 * the policy go through this registry, so another kind (passkeys) is one more entry: how it is set
 * up, and how a sign-in proves it.
 */
export interface SecondFactorMethod {
  type: string;
  /** A new secret for a user (not stored yet). */
  begin(context: AppContext, user: User, issuer: string): FactorSetup;
  /** What the user's device needs to take a secret already made. */
  describe(context: AppContext, user: User, secret: string, issuer: string): FactorSetup;
  /** Checks a passcode against a secret (in clear) for a user; a right one is used up. */
  check(
    context: AppContext,
    user: User,
    secret: string,
    passcode: string,
    scope: PasscodeScope,
  ): Promise<PasscodeCheck>;
  /** The secret the user has set up, in clear ('' when none). */
  secretOf(context: AppContext, user: User): string;
  /** What enabling a proven set-up changes on the user, from the secret set up (sealed as stored). */
  enable(user: User, sealedSecret: string): Partial<User>;
}

/**
 * TOTP (RFC 6238) with an authenticator app: codes of the current 30-second step and one either
 * side are accepted, each once per user (the last step used is stored: a code seen, replayed within
 * its window, or an older one after it, is refused).
 */
export const totpMethod: SecondFactorMethod = {
  type: TOTP_FACTOR,
  begin(context, user, issuer) {
    return totpMethod.describe(context, user, newTotpSecret(), issuer);
  },
  describe: (_context, user, secret, issuer) => ({
    secret,
    url: totpUri(secret, issuer, `${user.owner}/${user.name}`),
  }),
  async check(context, user, secret, passcode) {
    const step = matchTotpStep(secret, passcode, context.clock.now().getTime());
    if (step === undefined) return 'wrong';
    return (await claimTotpStep(context.db, user.id, step)) ? 'ok' : 'used';
  },
  secretOf: (context, user) => (user.totpSecret ? context.secrets.open(user.totpSecret) : ''),
  enable: (_user, sealedSecret) => ({ totpSecret: sealedSecret }),
};

/**
 * A six-digit code sent to the user's own email address or phone number (Casdoor's `email` and
 * `sms`). The "secret" is where the codes go, always the account's own contact as it is now: a set-up
 * proves the user receives there, and a sign-in sends there. The codes are verification codes
 * (features/verification/codes.ts): hashed, ten minutes, once, five wrong tries, bound to the user
 * and the purpose (`mfaSetup` or `mfaAuth`), and a sign-in's to its pending sign-in.
 */
function sentCodeMethod(type: typeof EMAIL_CODE_FACTOR | typeof SMS_CODE_FACTOR): SecondFactorMethod {
  const contactOf = (user: User) => (type === EMAIL_CODE_FACTOR ? normalEmail(user.email) : normalPhone(user.phone));
  const method: SecondFactorMethod = {
    type,
    begin(context, user, issuer) {
      const contact = contactOf(user);
      if (!contact) throw new ApiError(type === EMAIL_CODE_FACTOR ? 'mfa.email_missing' : 'mfa.phone_missing');
      return method.describe(context, user, contact, issuer);
    },
    describe: (_context, _user, secret) => ({ secret, url: '' }),
    async check(context, user, secret, passcode, scope) {
      if (!secret || secret !== contactOf(user)) return 'wrong';
      const binding = {
        organization: user.owner,
        purpose: scope.purpose,
        userId: user.id,
        destination: secret,
        pendingSignin: scope.purpose === 'mfaAuth' ? scope.pendingSignin : '',
      };
      try {
        await useCode(context, binding, passcode, 'spend');
        return 'ok';
      } catch (error) {
        if (error instanceof ApiError && error.code === 'verification.code_invalid') return 'wrong';
        throw error;
      }
    },
    secretOf: (_context, user) => contactOf(user),
    enable: () =>
      type === EMAIL_CODE_FACTOR ? { mfaEmailEnabled: true, emailVerified: true } : { mfaPhoneEnabled: true },
  };
  return method;
}

export const emailCodeMethod = sentCodeMethod(EMAIL_CODE_FACTOR);
export const smsCodeMethod = sentCodeMethod(SMS_CODE_FACTOR);

/** Every second factor Latchkey offers, by `mfaType`. Casdoor's `radius` and `push` are not offered. */
export const secondFactorMethods: Readonly<Record<string, SecondFactorMethod>> = {
  [TOTP_FACTOR]: totpMethod,
  [EMAIL_CODE_FACTOR]: emailCodeMethod,
  [SMS_CODE_FACTOR]: smsCodeMethod,
};

export const methodOf = (type: string): SecondFactorMethod | undefined =>
  Object.hasOwn(secondFactorMethods, type) ? secondFactorMethods[type] : undefined;
