import { createHash, type KeyObject, type SignKeyObjectInput, sign } from 'node:crypto';
import type { SigningAlgorithm } from '../crypto/certificates.ts';
import { fasterRsaSigner, type RsaDigest } from '../crypto/openssl-rsa.ts';

/** The hash each algorithm signs with; EdDSA hashes internally. */
const digests: Record<SigningAlgorithm, 'sha256' | 'sha384' | 'sha512' | null> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
  EdDSA: null,
};

/**
 * The hash behind `at_hash` (OIDC Core 3.1.3.6): the one of the signing algorithm; SHA-512 for
 * Ed25519, as OpenID specifies for EdDSA.
 */
const tokenHashOf = (alg: SigningAlgorithm) => digests[alg] ?? 'sha512';

export type JwsSigner = (signingInput: string) => string;

/**
 * Signs JWS input with node:crypto, the fastest of the signing paths measured on Bun (ahead of
 * WebCrypto and jose's SignJWT), or for RSA keys with the system's OpenSSL where it signs the same,
 * faster (openssl-rsa.ts). ECDSA signatures use the JOSE (IEEE P1363) encoding. The key object and its
 * options are prepared once per key.
 */
export function createJwsSigner(alg: SigningAlgorithm, privateKey: KeyObject): JwsSigner {
  const digest = digests[alg];
  const key: KeyObject | SignKeyObjectInput = alg.startsWith('ES')
    ? { key: privateKey, dsaEncoding: 'ieee-p1363' }
    : privateKey;
  const signWithNode = (signingInput: string) =>
    sign(digest, signingInput, key as SignKeyObjectInput).toString('base64url');
  const openSsl = alg.startsWith('RS') ? fasterRsaSigner(privateKey, digest as RsaDigest) : undefined;
  if (!openSsl) return signWithNode;
  return (signingInput) => openSsl(Buffer.from(signingInput))?.toString('base64url') ?? signWithNode(signingInput);
}

/** base64url(JSON) of a JWS protected header or payload. */
export function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A compact JWS: `header.payload.signature`, the header segment already encoded. */
export function signCompact(headerSegment: string, payload: Record<string, unknown>, signer: JwsSigner): string {
  const signingInput = `${headerSegment}.${encodeSegment(payload)}`;
  return `${signingInput}.${signer(signingInput)}`;
}

/** `at_hash` (or `c_hash`): base64url of the left half of the token's hash. */
export function leftHalfHash(alg: SigningAlgorithm, value: string): string {
  const digest = createHash(tokenHashOf(alg)).update(value).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
