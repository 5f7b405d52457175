import type { Application, Organization, User } from '@latchkey/types';

/*
 * Which second factors a user has, and when a sign-in needs one. The factors themselves (how a
 * code is checked, how one is set up) are features/mfa's registry; this is what every way of
 * signing in must agree on, including those that cannot ask for a second step (the password
 * grant, the username and password query), which then refuse.
 */

/** Casdoor's name of the TOTP factor (`mfaType`): an authenticator app. */
export const TOTP_FACTOR = 'app';
/** The `mfaType` of a passkey (WebAuthn credential) used as a second factor (a Latchkey addition; Casdoor has none). */
export const WEBAUTHN_FACTOR = 'webauthn';
/** The factors a passkey records: a key bound to its authenticator (RFC 8176 `hwk`), or a synced one (`swk`). */
export const HARDWARE_KEY_FACTOR = 'hwk';
export const SOFTWARE_KEY_FACTOR = 'swk';
/** The user verification (PIN or biometric) of a passkey sign-in without password: the key's second factor. */
export const USER_VERIFIED_FACTOR = 'uv';
/** The factor of a sign-in with a password. */
export const PASSWORD_FACTOR = 'password';
/** A recovery code used in place of the second factor. */
export const RECOVERY_FACTOR = 'recovery';
/**
 * A one-time code sent by email or by text message: a first factor (Casdoor's sign-in with a code)
 * or a second one (Casdoor's `mfaType` email and sms), under the same names.
 */
export const EMAIL_CODE_FACTOR = 'email';
export const SMS_CODE_FACTOR = 'sms';

/** How each second factor shows on a user row that it is set up. New kinds of factor add a line. */
const enrolledWhen: Record<string, (user: User) => boolean> = {
  [SMS_CODE_FACTOR]: (user) => user.mfaPhoneEnabled && user.phone !== '',
  [EMAIL_CODE_FACTOR]: (user) => user.mfaEmailEnabled && user.email !== '',
  [TOTP_FACTOR]: (user) => user.totpSecret !== '',
  [WEBAUTHN_FACTOR]: (user) => user.webauthnCredentials.length > 0,
};

/** The factors that, alone, are one factor: a password, or a code sent to the user. */
const singleFactors = new Set<string>([PASSWORD_FACTOR, EMAIL_CODE_FACTOR, SMS_CODE_FACTOR]);

/**
 * Whether the factors a sign-in passed include a second one: two different factors, or one that is
 * more than a single factor by itself (a passkey, a provider's sign-in). A code sent by email alone is
 * not, so a sign-in with one still asks for the second factor.
 */
export const hasSecondFactor = (factors: readonly string[]): boolean =>
  new Set(factors).size >= 2 || factors.some((factor) => !singleFactors.has(factor));

/** The second factors a user has set up, by Casdoor's `mfaType` names. */
export function enrolledSecondFactors(user: User): string[] {
  return Object.entries(enrolledWhen)
    .filter(([, enrolled]) => enrolled(user))
    .map(([type]) => type);
}

/** Casdoor's organization setting: an `mfaItems` entry with rule `Required`. */
export function organizationRequiresMfa(organization: Pick<Organization, 'mfaItems'> | undefined): boolean {
  return (organization?.mfaItems ?? []).some((item) => item.rule === 'Required');
}

export interface SecondFactorDue {
  /** verify: the user has a factor and must pass it; enrol: the user must set one up first. */
  stage: 'verify' | 'enrol';
  /** The factors the user may pass (verify), by `mfaType`. */
  methods: string[];
}

/**
 * Whether a sign-in that passed the password still needs a second factor: always when the user has
 * one set up (as in Casdoor); otherwise when the organization, the application or the request
 * (`demanded`: acr_values asking for it) requires one, in which case the user must enrol.
 */
export function secondFactorDue(
  user: User,
  organization: Pick<Organization, 'mfaItems'> | undefined,
  application: Pick<Application, 'requireMfa'> | undefined,
  demanded = false,
): SecondFactorDue | undefined {
  const methods = enrolledSecondFactors(user);
  if (methods.length > 0) return { stage: 'verify', methods };
  if (demanded || organizationRequiresMfa(organization) || application?.requireMfa)
    return { stage: 'enrol', methods: [] };
  return undefined;
}

/** RFC 8176 method values of the factors a sign-in passed, with `mfa` when it passed more than one. */
export function amrOf(factors: readonly string[]): string[] {
  const methods = new Set<string>();
  for (const factor of factors.length > 0 ? factors : [PASSWORD_FACTOR]) {
    if (factor === PASSWORD_FACTOR) methods.add('pwd');
    else if (factor === TOTP_FACTOR || factor === RECOVERY_FACTOR || factor === EMAIL_CODE_FACTOR) methods.add('otp');
    else if (factor === SMS_CODE_FACTOR) methods.add('sms');
    else if (factor === HARDWARE_KEY_FACTOR || factor === SOFTWARE_KEY_FACTOR) methods.add(factor);
  }
  if (factors.length > 1) methods.add('mfa');
  return [...methods];
}

/** The authentication context class references Latchkey issues (`acr`) and answers `acr_values` with. */
export const ACR_PASSWORD = 'urn:latchkey:acr:password';
export const ACR_MFA = 'urn:latchkey:acr:mfa';
/** Other names an `acr_values` request may use for multi-factor authentication (OpenID PAPE's policy). */
const mfaAcrAliases = new Set([ACR_MFA, 'http://schemas.openid.net/pape/policies/2007/06/multi-factor', 'mfa']);

/** Whether an `acr_values` request (space-separated, in order of preference) asks for a second factor. */
export function acrValuesDemandMfa(acrValues: string | undefined): boolean {
  const values = (acrValues ?? '').split(' ').filter(Boolean);
  // Only when every acceptable class is multi-factor: a request that also accepts a password-only class is met by a password.
  return values.length > 0 && values.every((value) => mfaAcrAliases.has(value));
}
