import { describe, expect, test } from 'bun:test';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { openSslGcmSealer } from './openssl-gcm.ts';
import { createSecretBox } from './secret-box.ts';

/** Debian, the CI's system, has OpenSSL 3 (libssl3) in its multiarch folder, on either processor Bun runs on. */
const multiarch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
const hasOpenSsl = process.platform === 'linux' && existsSync(`/usr/lib/${multiarch}/libcrypto.so.3`);

/** nonce ‖ ciphertext ‖ tag as node:crypto seals `plain`. */
function nodeSeal(key: Buffer, iv: Buffer, plain: string): string {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

function nodeOpen(key: Buffer, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

/** Texts of every kind and length: ASCII, accents, CJK, astral characters, lone surrogates, the longest sealed here. */
function texts(): string[] {
  const out = [
    'a',
    'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln',
    'naïve — 署名 🔑',
    '\ud800 alone',
    '字'.repeat(65_536),
  ];
  let seed = 11;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed >>> 16;
  };
  const alphabet = ['a', 'Z', '0', '.', 'é', '字', '🔑', '\n', '\u0000'];
  for (let i = 0; i < 300; i++) {
    let text = '';
    const length = 1 + (next() % 700);
    for (let j = 0; j < length; j++) text += alphabet[next() % alphabet.length];
    out.push(text);
  }
  return out;
}

describe('AES-256-GCM sealing through OpenSSL', () => {
  test.if(hasOpenSsl)('seals byte for byte as node:crypto does with the same nonce', () => {
    const key = randomBytes(32);
    const seal = openSslGcmSealer(key);
    expect(seal).toBeDefined();
    for (const text of texts()) {
      const iv = randomBytes(12);
      const sealed = seal!(iv, text);
      expect(sealed).toBe(nodeSeal(key, iv, text));
      expect(nodeOpen(key, sealed!)).toBe(Buffer.from(text, 'utf8').toString('utf8'));
    }
  });

  test.if(hasOpenSsl)('a longer text after a shorter one, and a shorter one after it, are whole', () => {
    const key = randomBytes(32);
    const seal = openSslGcmSealer(key)!;
    for (const text of ['short', 'y'.repeat(50_000), 'short again']) {
      const iv = randomBytes(12);
      expect(nodeOpen(key, seal(iv, text)!)).toBe(text);
    }
  });

  test.if(hasOpenSsl)('each key has its own context: values sealed under one do not open under another', () => {
    const first = randomBytes(32);
    const second = randomBytes(32);
    const sealFirst = openSslGcmSealer(first)!;
    const sealSecond = openSslGcmSealer(second)!;
    const iv = randomBytes(12);
    expect(sealFirst(iv, 'secret')).not.toBe(sealSecond(iv, 'secret'));
    expect(nodeOpen(first, sealFirst(randomBytes(12), 'secret')!)).toBe('secret');
    expect(() => nodeOpen(second, sealFirst(randomBytes(12), 'secret')!)).toThrow();
  });

  test.if(hasOpenSsl)(
    'a text longer than 65,536 characters is left to node:crypto, and the secret box seals it',
    () => {
      const key = randomBytes(32);
      expect(openSslGcmSealer(key)!(randomBytes(12), 'x'.repeat(65_537))).toBeUndefined();
      expect(openSslGcmSealer(key)!(randomBytes(12), 'x'.repeat(65_536))).toBeDefined();
      const box = createSecretBox(key);
      const long = 'x'.repeat(200_000);
      const sealed = box.seal(long);
      expect(nodeOpen(key, sealed.slice('enc:v1:'.length))).toBe(long);
      expect(box.open(sealed)).toBe(long);
    },
  );

  test('a nonce of another length or a key of another size gets no OpenSSL sealing', () => {
    expect(openSslGcmSealer(randomBytes(16))).toBeUndefined();
    const seal = openSslGcmSealer(randomBytes(32));
    if (seal) expect(seal(randomBytes(16), 'text')).toBeUndefined();
  });

  test('without the library, no sealer is offered and the secret box seals with node:crypto', () => {
    expect(openSslGcmSealer(randomBytes(32), 'libcrypto-missing.so.3')).toBeUndefined();
    const box = createSecretBox(randomBytes(32));
    expect(box.open(box.seal('still sealed'))).toBe('still sealed');
  });

  test('the secret box: values it seals open, with a fresh nonce each time', () => {
    const key = randomBytes(32);
    const box = createSecretBox(key);
    const seen = new Set<string>();
    for (const text of texts().slice(0, 100)) {
      const sealed = box.seal(text);
      expect(sealed.startsWith('enc:v1:')).toBe(true);
      expect(box.open(sealed)).toBe(Buffer.from(text, 'utf8').toString('utf8'));
      expect(nodeOpen(key, sealed.slice('enc:v1:'.length))).toBe(box.open(sealed));
      const nonce = Buffer.from(sealed.slice('enc:v1:'.length), 'base64url').subarray(0, 12).toString('hex');
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
    }
  });
});
