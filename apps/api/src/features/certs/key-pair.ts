import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import type { Cert } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { generateCertificate, isSigningAlgorithm } from '../../core/crypto/certificates.ts';
import { rsaGenerationUnits, withKeyGenerationSlot } from '../../core/crypto/key-generation-slots.ts';
import { ApiError } from '../../core/errors/api-error.ts';

const keyTypeOf = (algorithm: string) =>
  algorithm.startsWith('RS') ? 'rsa' : algorithm.startsWith('ES') ? 'ec' : 'ed25519';
const curveOf: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };

/**
 * Generates a key pair and self-signed certificate for a cert whose certificate and private key are
 * both empty, within the owner's share of key generation.
 */
export async function fillKeyPair(context: AppContext, cert: Cert): Promise<Cert> {
  if (cert.certificate || cert.privateKey) return cert;
  // EC and Ed25519 keys take microseconds; only RSA keys are worth a slot.
  const units = cert.cryptoAlgorithm.startsWith('RS') ? rsaGenerationUnits(cert.bitSize || 2048) : 0;
  const generated = await withKeyGenerationSlot(context, cert.owner, units, () =>
    generateCertificate({
      algorithm: cert.cryptoAlgorithm as Parameters<typeof generateCertificate>[0]['algorithm'],
      bitSize: cert.bitSize,
      expireInYears: cert.expireInYears,
      commonName: cert.displayName || cert.name,
    }),
  );
  return {
    ...cert,
    certificate: generated.certificate,
    privateKey: generated.privateKey,
    expireTime: generated.expireTime,
  };
}

/** An algorithm we sign with: RSA of 2048 to 4096 bits, P-256/384/521 or Ed25519. */
export function checkAlgorithm(cert: Cert): void {
  if (!isSigningAlgorithm(cert.cryptoAlgorithm))
    throw new ApiError('object.cert_algorithm_invalid', { algorithm: cert.cryptoAlgorithm });
  if (cert.cryptoAlgorithm.startsWith('RS') && (cert.bitSize < 2048 || cert.bitSize > 4096))
    throw new ApiError('object.cert_bit_size_invalid');
}

/** A cert must sign: its private key of its algorithm's kind, its certificate that key's public half. */
export function checkKeyPair(cert: Cert, plainPrivateKey: string): void {
  checkAlgorithm(cert);
  let matches = false;
  try {
    const privateKey = createPrivateKey(plainPrivateKey);
    const certificate = new X509Certificate(cert.certificate);
    const kindMatches = privateKey.asymmetricKeyType === keyTypeOf(cert.cryptoAlgorithm);
    const curveMatches =
      !curveOf[cert.cryptoAlgorithm] || privateKey.asymmetricKeyDetails?.namedCurve === curveOf[cert.cryptoAlgorithm];
    const ownPublicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    matches =
      kindMatches &&
      curveMatches &&
      Buffer.compare(ownPublicKey, certificate.publicKey.export({ format: 'der', type: 'spki' })) === 0;
  } catch {
    matches = false;
  }
  if (!matches) throw new ApiError('object.cert_key_pair_invalid');
}
