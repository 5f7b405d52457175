import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as authenticator apps and Casdoor use it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA1';
/** One step either side of now is accepted, for clocks that drift and codes typed slowly. */
const DRIFT_STEPS = 1;
/** 160 bits, the size RFC 4226 recommends and Casdoor generates. */
const SECRET_BYTES = 20;

/** A new shared secret, base32 (the form authenticator apps and Casdoor's `totpSecret` take). */
export function newTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** Whether a stored secret is base32 that decodes to at least 80 bits (RFC 4226 §4 asks for 128, old apps used 80). */
export function isUsableTotpSecret(secret: string): boolean {
  try {
    return Secret.fromBase32(secret.replace(/\s+/g, '')).bytes.length >= 10;
  } catch {
    return false;
  }
}

function totpOf(secret: string, options: { issuer?: string; label?: string } = {}): TOTP {
  return new TOTP({
    issuer: options.issuer,
    label: options.label,
    issuerInLabel: true,
    secret: Secret.fromBase32(secret.replace(/\s+/g, '')),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: TOTP_PERIOD_SECONDS,
  });
}

/** The `otpauth://totp/…` URI an authenticator app reads from the QR code (Key Uri Format). */
export function totpUri(secret: string, issuer: string, account: string): string {
  return totpOf(secret, { issuer, label: account }).toString();
}

/** The time step a moment falls in (RFC 6238 §4: T = floor(unix seconds / 30)). */
export function totpStepAt(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code of a step (tests and tools; the server only checks codes). */
export function totpCodeAt(secret: string, atMs: number): string {
  return totpOf(secret).generate({ timestamp: atMs });
}

/**
 * The time step whose code a passcode is, within one step of the moment given; undefined when it
 * is none of them (or not six digits). The caller refuses a step it has already accepted once.
 */
export function matchTotpStep(secret: string, passcode: string, atMs: number): number | undefined {
  const code = passcode.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(code) || !isUsableTotpSecret(secret)) return undefined;
  const delta = totpOf(secret).validate({ token: code, timestamp: atMs, window: DRIFT_STEPS });
  return delta === null ? undefined : totpStepAt(atMs) + delta;
}
