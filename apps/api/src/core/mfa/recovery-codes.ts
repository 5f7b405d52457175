import { randomBytes } from 'node:crypto';
import { secretsEqual, sha256Hex } from '../crypto/compare.ts';

/** How many recovery codes an enrolment hands out. */
export const RECOVERY_CODE_COUNT = 10;
/** The marker of a stored recovery code that is a hash, not the code (Casdoor stores codes as they are). */
const HASH_PREFIX = 'sha256:';
// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or off paper is not mistyped.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A recovery code: 20 characters of Crockford base32 (100 bits), shown in groups of five
 * (`7K3QD-M9XTA-…`). That is too many to guess, so a plain SHA-256 is enough to store it.
 */
export function newRecoveryCode(): string {
  const bytes = randomBytes(20);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte % 32];
  return code.match(/.{5}/g)!.join('-');
}

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, newRecoveryCode);
}

/**
 * The form a code is compared in: upper case, without spaces or dashes (so `7k3qd m9xta…` works).
 * Casdoor's codes are UUIDs, which keep their letters and lose only the dashes as ours do.
 */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

/** The stored form of a recovery code. */
export function hashRecoveryCode(code: string): string {
  return HASH_PREFIX + sha256Hex(normalizeRecoveryCode(code));
}

export const isHashedRecoveryCode = (stored: string) => stored.startsWith(HASH_PREFIX);

/** Stored codes as hashes: a code imported in clear (Casdoor) is hashed, a hash is kept. */
export function hashedRecoveryCodes(stored: readonly string[]): string[] {
  return stored
    .filter((code) => code.trim() !== '')
    .map((code) => (isHashedRecoveryCode(code) ? code : hashRecoveryCode(code)));
}

/** The stored entry a presented code matches, if any (each comparison in constant time). */
export function findRecoveryCode(stored: readonly string[], presented: string): string | undefined {
  if (normalizeRecoveryCode(presented) === '') return undefined;
  const hash = hashRecoveryCode(presented);
  let found: string | undefined;
  for (const entry of stored) {
    const candidate = isHashedRecoveryCode(entry) ? entry : hashRecoveryCode(entry);
    if (secretsEqual(candidate, hash)) found ??= entry;
  }
  return found;
}
