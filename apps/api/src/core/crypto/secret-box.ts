import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/** Keeps secrets encrypted at rest with AES-256-GCM, so a copy of the database alone reveals none. */
export interface SecretBox {
  seal(plain: string): string;
  /** The plain text of a sealed value; a value that was never sealed (an import) is returned as it is. */
  open(stored: string): string;
  isSealed(stored: string): boolean;
  /**
   * A keyed hash (HMAC-SHA-256, hex) of a short secret such as a six-digit code, under a key derived
   * from the secret key: a copy of the database alone cannot test guesses against it.
   */
  mac(value: string): string;
}

export class SecretBoxError extends Error {}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new SecretBoxError('the secret key must be 32 bytes');
  const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'latchkey keyed hash v1', 32));
  return {
    seal(plain) {
      if (plain === '') return '';
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
      if (raw.length < 28) throw new SecretBoxError('sealed value is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      try {
        return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError(
          'sealed value was not made with this key (is LATCHKEY_SECRET_KEY the same on every node?)',
        );
      }
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
    mac: (value) => createHmac('sha256', macKey).update(value, 'utf8').digest('hex'),
  };
}
