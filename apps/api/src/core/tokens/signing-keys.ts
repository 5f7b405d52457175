import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { findSigningCert, type SigningCert } from '@latchkey/db';
import type { Application, Cert } from '@latchkey/types';
import { BUILT_IN_CERT } from '../../core/built-in-names.ts';
import type { AppContext } from '../context.ts';
import { isSigningAlgorithm, type SigningAlgorithm } from '../crypto/certificates.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { createJwsSigner, encodeSegment, type JwsSigner } from './jws.ts';
import { lookupCache } from './lookup-cache.ts';

/** A cert ready to sign and verify: its keys are parsed and its JWT header encoded once, then cached. */
export interface SigningKey {
  /** `kid`: see certKeyId. */
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** base64url of `{"alg","kid","typ":"JWT"}`, the protected header of every token this key signs. */
  headerSegment: string;
  sign: JwsSigner;
}

export class SigningKeyError extends Error {}

interface CacheEntry {
  certificate: string;
  sealedPrivateKey: string;
  algorithm: string;
  key: SigningKey;
}

const cache = new Map<string, CacheEntry>();

/** Owners of the global certs: the ones the applications of `built-in` sign with, and the only ones in `/.well-known/jwks`. */
export const GLOBAL_CERT_OWNERS = ['admin', 'built-in'] as const;

/**
 * The `kid` of a cert, unique across the server: the cert name for a global cert owned by "admin"
 * (as Casdoor writes it, so `cert-built-in` stays `cert-built-in`), `<owner>/<name>` for any other.
 * Names never contain `/`, so an organization's cert can never take the kid of another cert.
 */
export const certKeyId = (cert: Pick<Cert, 'owner' | 'name'>) =>
  cert.owner === 'admin' ? cert.name : `${cert.owner}/${cert.name}`;

/**
 * The signing key of a cert. The cache is keyed by owner/name and checked against the stored
 * certificate and key text (a string comparison), so an edited cert is picked up at once and an
 * unchanged one costs no parsing.
 */
export type { SigningCert };

export function signingKeyOf(cert: SigningCert, secrets: SecretBox): SigningKey {
  const cacheKey = `${cert.owner}/${cert.name}`;
  const cached = cache.get(cacheKey);
  if (
    cached &&
    cached.certificate === cert.certificate &&
    cached.sealedPrivateKey === cert.privateKey &&
    cached.algorithm === cert.cryptoAlgorithm
  ) {
    return cached.key;
  }
  const alg = cert.cryptoAlgorithm || 'RS256';
  if (!isSigningAlgorithm(alg))
    throw new SigningKeyError(`cert ${cert.owner}/${cert.name} has an unsupported algorithm ${alg}`);
  const privateKey = createPrivateKey(secrets.open(cert.privateKey));
  const kid = certKeyId(cert);
  const key: SigningKey = {
    kid,
    alg,
    privateKey,
    publicKey: createPublicKey(privateKey),
    headerSegment: encodeSegment({ alg, kid, typ: 'JWT' }),
    sign: createJwsSigner(alg, privateKey),
  };
  if (cache.size > 256) cache.clear();
  cache.set(cacheKey, {
    certificate: cert.certificate,
    sealedPrivateKey: cert.privateKey,
    algorithm: cert.cryptoAlgorithm,
    key,
  });
  return key;
}

/** The name of the cert an application signs with: its own, or cert-built-in when none is set. */
export const applicationCertName = (application: Application) => application.cert || BUILT_IN_CERT;

const signingCerts = lookupCache<SigningCert>();

const signingCertKey = (application: Application) =>
  `${application.organization}\u0000${applicationCertName(application)}`;

/**
 * The cert an application signs with (read at most once a second). The application's own JWKS
 * publishes exactly this cert, so what a relying party trusts is what the application signs with.
 */
export function applicationSigningCert(
  context: AppContext,
  application: Application,
): Promise<SigningCert | undefined> {
  const name = applicationCertName(application);
  return signingCerts.get(context, signingCertKey(application), () =>
    findSigningCert(context.db, name, application.organization),
  );
}

/** The key an application signs its tokens with. */
export async function applicationSigningKey(context: AppContext, application: Application): Promise<SigningKey> {
  const cert =
    signingCerts.peek(context, signingCertKey(application)) ?? (await applicationSigningCert(context, application));
  if (!cert)
    throw new SigningKeyError(
      `application ${application.name} uses cert ${applicationCertName(application)}, which does not exist`,
    );
  return signingKeyOf(cert, context.secrets);
}
