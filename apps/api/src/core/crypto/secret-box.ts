import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import { type GcmSeal, openSslGcmSealer } from './openssl-gcm.ts';

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

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Nonces are cut from a block of random bytes filled 256 at a time (one call to the random source, not one per seal). */
const ivBlock = Buffer.alloc(IV_BYTES * 256);
let ivOffset = ivBlock.length;

function nextIv(): Buffer {
  if (ivOffset === ivBlock.length) {
    randomFillSync(ivBlock);
    ivOffset = 0;
  }
  const iv = ivBlock.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

/** What a probe seals through OpenSSL before its sealer is trusted. */
const PROBE = 'latchkey: sealed by OpenSSL, opened by node:crypto — ✓';

/** OpenSSL's sealer of `key` (openssl-gcm.ts), once a value it sealed opened with `open`; else undefined. */
function openedSealer(key: Buffer, open: (stored: string) => string): GcmSeal | undefined {
  const seal = openSslGcmSealer(key);
  const sealed = seal?.(randomBytes(IV_BYTES), PROBE);
  if (sealed === undefined) return undefined;
  try {
    return open(PREFIX + sealed) === PROBE ? seal : undefined;
  } catch {
    return undefined;
  }
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new SecretBoxError('the secret key must be 32 bytes');
  const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'latchkey keyed hash v1', 32));
  // The same format, sealed through OpenSSL where it loads and its probe opens; node:crypto otherwise.
  // Looked for at the first seal, so that a server that seals nothing does not load the library.
  let sealFaster: GcmSeal | undefined | null = null;
  const box: SecretBox = {
    seal(plain) {
      if (plain === '') return '';
      if (sealFaster === null) sealFaster = openedSealer(key, box.open);
      const iv = nextIv();
      const throughOpenSsl = sealFaster?.(iv, plain);
      if (throughOpenSsl !== undefined) return PREFIX + throughOpenSsl;
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const input = Buffer.from(plain, 'utf8');
      // iv ‖ ciphertext ‖ tag, written into one buffer (GCM's ciphertext is as long as its input).
      const sealed = Buffer.allocUnsafe(IV_BYTES + input.length + TAG_BYTES);
      sealed.set(iv, 0);
      sealed.set(cipher.update(input), IV_BYTES);
      cipher.final();
      sealed.set(cipher.getAuthTag(), IV_BYTES + input.length);
      return PREFIX + sealed.toString('base64url');
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
  return box;
}
