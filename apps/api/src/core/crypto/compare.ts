import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares two secrets in time that does not depend on where they differ (nor on their lengths). */
export function secretsEqual(a: string, b: string): boolean {
  const left = createHash('sha256').update(a).digest();
  const right = createHash('sha256').update(b).digest();
  return timingSafeEqual(left, right) && a.length === b.length;
}

/** Lower-case hex SHA-256, the form in which tokens, codes and session ids are looked up. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
