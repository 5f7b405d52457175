import { createHmac } from 'node:crypto';

/** RFC 6238 (SHA-1, six digits, 30-second steps), written apart from the server's own code, as an authenticator app computes it. */
export function totp(secret: string, atMs: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const character of secret.replace(/=+$/, '')) bits += alphabet.indexOf(character).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMs / 30_000)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * A well-formed code that the server takes for none of the steps it could be in while the test
 * runs (one step of drift either side of any moment from `atMs` to two minutes later): a wrong code
 * that cannot be right by chance.
 */
export function wrongCode(secret: string, atMs: number): string {
  const near = new Set<string>();
  for (let step = -2; step <= 6; step++) near.add(totp(secret, atMs + step * 30_000));
  return ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777', '888888', '999999'].find(
    (code) => !near.has(code),
  )!;
}

/**
 * The code of a step after `usedAtMs`'s (whose code is used up), that the server takes now: the
 * next step's, or the current one's once the clock has passed it.
 */
export const codeAfter = (secret: string, usedAtMs: number): string =>
  totp(secret, Math.max(usedAtMs + 30_000, Date.now()));
