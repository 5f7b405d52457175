import { claimTotpStep } from '@latchkey/db';
import type { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { TOTP_FACTOR } from '../../core/identity/second-factors.ts';
import { matchTotpStep, newTotpSecret, totpUri } from '../../core/mfa/totp.ts';

/** What checking a passcode found: right, wrong, or right but already used (a replay). */
export type PasscodeCheck = 'ok' | 'wrong' | 'used';

/** A new secret and what the user's device needs to take it. */
export interface FactorSetup {
  /** The secret in the form the device takes (base32 for TOTP). */
  secret: string;
  /** The `otpauth://` URI the QR code carries. */
  url: string;
}

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
  check(context: AppContext, user: User, secret: string, passcode: string): Promise<PasscodeCheck>;
  /** The secret the user has set up, in clear ('' when none). */
  secretOf(context: AppContext, user: User): string;
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
};

/** Every second factor Latchkey offers, by `mfaType`. Casdoor's `sms`, `email`, `radius` and `push` are not offered. */
export const secondFactorMethods: Readonly<Record<string, SecondFactorMethod>> = {
  [TOTP_FACTOR]: totpMethod,
};

export const methodOf = (type: string): SecondFactorMethod | undefined =>
  Object.hasOwn(secondFactorMethods, type) ? secondFactorMethods[type] : undefined;
