import { describe, expect, test } from 'bun:test';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createJwsSigner } from '../tokens/jws.ts';
import { fasterRsaSigner, openSslRsaSigner, type RsaDigest, signsFaster } from './openssl-rsa.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const digests: RsaDigest[] = ['sha256', 'sha384', 'sha512'];
const inputs = [
  Buffer.alloc(0),
  Buffer.from('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9'),
  Buffer.from('naïve — 署名 🔑'),
  Buffer.alloc(100_000, 0x61),
];
/** Debian, the CI's system, has OpenSSL 3 (libssl3) in its multiarch folder, on either processor Bun runs on. */
const multiarch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
const hasOpenSsl = process.platform === 'linux' && existsSync(`/usr/lib/${multiarch}/libcrypto.so.3`);

describe('RSA signatures through OpenSSL', () => {
  test.if(hasOpenSsl)('OpenSSL signs every RSA digest byte for byte as node:crypto does', () => {
    for (const digest of digests) {
      const signer = openSslRsaSigner(rsa, digest);
      expect(signer, digest).toBeDefined();
      for (const input of inputs) {
        const signature = signer!(input)!;
        expect(signature.equals(sign(digest, input, rsa))).toBe(true);
        expect(verify(digest, input, createPublicKey(rsa), signature)).toBe(true);
      }
    }
  });

  test.if(hasOpenSsl)('a 4096-bit key read from PEM is signed alike', () => {
    const pem = generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey.export({ format: 'pem', type: 'pkcs1' });
    const large = createPrivateKey(pem);
    const signature = openSslRsaSigner(large, 'sha256')!(inputs[1]!)!;
    expect(signature.length).toBe(512);
    expect(signature.equals(sign('sha256', inputs[1]!, large))).toBe(true);
  });

  test('keys other than RSA stay with node:crypto', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const ed = generateKeyPairSync('ed25519').privateKey;
    expect(openSslRsaSigner(ec, 'sha256')).toBeUndefined();
    expect(openSslRsaSigner(ed, 'sha256')).toBeUndefined();
  });

  test('without the library, no signer is offered and JWS signing still works', () => {
    expect(openSslRsaSigner(rsa, 'sha256', 'libcrypto-missing.so.3')).toBeUndefined();
    const jws = createJwsSigner('RS256', rsa);
    const signature = Buffer.from(jws('header.payload'), 'base64url');
    expect(signature.equals(sign('sha256', Buffer.from('header.payload'), rsa))).toBe(true);
  });

  test('JWS signatures of every RS algorithm are the ones node:crypto makes', () => {
    for (const [alg, digest] of [
      ['RS256', 'sha256'],
      ['RS384', 'sha384'],
      ['RS512', 'sha512'],
    ] as const) {
      const signingInput = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9';
      const signature = Buffer.from(createJwsSigner(alg, rsa)(signingInput), 'base64url');
      expect(signature.equals(sign(digest, Buffer.from(signingInput), rsa)), alg).toBe(true);
    }
  });

  test.if(hasOpenSsl)('freeing the keys of dropped signers leaves the signers still held working', () => {
    const held = openSslRsaSigner(rsa, 'sha256');
    for (let i = 0; i < 300; i++) openSslRsaSigner(rsa, 'sha256');
    Bun.gc(true);
    expect(held!(inputs[1]!)!.equals(sign('sha256', inputs[1]!, rsa))).toBe(true);
  });

  test('the faster of two signers is the one chosen', () => {
    const busy = (ms: number) => () => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    expect(signsFaster(busy(0), busy(3))).toBe(true);
    expect(signsFaster(busy(3), busy(0))).toBe(false);
  });

  test('keys of one size are all signed by the library measured faster for that size', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const first = fasterRsaSigner(rsa, 'sha256');
    const second = fasterRsaSigner(other, 'sha256');
    expect(second === undefined).toBe(first === undefined);
    if (first) expect(first(inputs[1]!)!.equals(sign('sha256', inputs[1]!, rsa))).toBe(true);
    if (second) expect(second(inputs[1]!)!.equals(sign('sha256', inputs[1]!, other))).toBe(true);
  });
});
