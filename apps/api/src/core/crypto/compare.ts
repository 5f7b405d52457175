import { timingSafeEqual } from 'node:crypto';

/*
 * SHA-256 through Bun's one-shot hasher: a fifth of the time of node:crypto's createHash (no Hash
 * object per call), which matters where every request hashes (a bearer token, a client secret).
 */

/** Compares two secrets in time that does not depend on where they differ (nor on their lengths). */
export function secretsEqual(a: string, b: string): boolean {
  const left = Bun.SHA256.hash(a) as Uint8Array;
  const right = Bun.SHA256.hash(b) as Uint8Array;
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** Lower-case hex SHA-256, the form in which tokens, codes and session ids are looked up. */
export function sha256Hex(value: string): string {
  return Bun.SHA256.hash(value, 'hex');
}
