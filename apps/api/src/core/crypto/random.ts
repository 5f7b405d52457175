import { randomBytes, randomUUID } from 'node:crypto';

/** Random lower-case hex of the given byte length; Casdoor's client ids are 10 bytes, secrets 20. */
export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');

/** An unguessable opaque value (256 bits) for cookies, codes and refresh tokens. */
export const randomToken = () => randomBytes(32).toString('base64url');

export const newId = () => randomUUID();

/** A readable password of 20 characters from a 57-symbol alphabet (about 116 bits). */
export function randomPassword(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    const byte = bytes[i]!;
    if (byte < alphabet.length * 4) out += alphabet[byte % alphabet.length];
  }
  return out;
}
