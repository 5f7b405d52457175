import { createPublicKey } from 'node:crypto';
import type { Cert } from '@latchkey/types';
import { isSigningAlgorithm } from '../../core/crypto/certificates.ts';
import { certKeyId } from '../../core/tokens/signing-keys.ts';

type JsonWebKey = Record<string, unknown>;

const cache = new Map<string, { certificate: string; jwk: JsonWebKey | undefined }>();

/** The DER bytes of a PEM certificate, base64 (the form `x5c` wants). */
function certificateDer(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/** The columns of a cert that its JWK needs. */
type PublishedCert = Pick<Cert, 'owner' | 'name' | 'cryptoAlgorithm' | 'certificate'>;

/**
 * A cert's public key as a JWK: `kid` as the tokens it signs carry it (certKeyId), `alg` = its
 * algorithm, `use: sig`, and its certificate in `x5c`.
 */
export function certJwk(cert: PublishedCert): JsonWebKey | undefined {
  const cacheKey = `${cert.owner}/${cert.name}`;
  const cached = cache.get(cacheKey);
  if (cached && cached.certificate === cert.certificate) return cached.jwk;
  const alg = cert.cryptoAlgorithm || 'RS256';
  let jwk: JsonWebKey | undefined;
  if (isSigningAlgorithm(alg) && cert.certificate) {
    try {
      const publicJwk = createPublicKey(cert.certificate).export({ format: 'jwk' });
      jwk = { ...publicJwk, kid: certKeyId(cert), alg, use: 'sig', x5c: [certificateDer(cert.certificate)] };
    } catch {
      jwk = undefined;
    }
  }
  if (cache.size > 256) cache.clear();
  cache.set(cacheKey, { certificate: cert.certificate, jwk });
  return jwk;
}

export function jsonWebKeySet(certs: PublishedCert[]): { keys: JsonWebKey[] } {
  return { keys: certs.map(certJwk).filter((jwk): jwk is JsonWebKey => jwk !== undefined) };
}
