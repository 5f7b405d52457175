import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Application, Cert } from '@latchkey/types';
import { findCertForOrganization } from '@latchkey/db';
import { BUILT_IN_CERT } from '../bootstrap/built-ins.ts';
import type { AppContext } from '../context.ts';
import { isSigningAlgorithm, type SigningAlgorithm } from '../crypto/certificates.ts';
import { sha256Hex } from '../crypto/compare.ts';
import type { SecretBox } from '../crypto/secret-box.ts';

/** A cert ready to sign and verify: its key objects are parsed once and cached. */
export interface SigningKey {
  /** `kid`: the cert name. */
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyObject;
  publicKey: KeyObject;
  cert: Cert;
}

export class SigningKeyError extends Error {}

const cache = new Map<string, SigningKey>();

export function signingKeyOf(cert: Cert, secrets: SecretBox): SigningKey {
  const cacheKey = `${cert.owner}/${cert.name}:${sha256Hex(cert.certificate + cert.privateKey)}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const alg = cert.cryptoAlgorithm || 'RS256';
  if (!isSigningAlgorithm(alg)) throw new SigningKeyError(`cert ${cert.owner}/${cert.name} has an unsupported algorithm ${alg}`);
  const privateKey = createPrivateKey(secrets.open(cert.privateKey));
  const key: SigningKey = { kid: cert.name, alg, privateKey, publicKey: createPublicKey(privateKey), cert };
  if (cache.size > 256) cache.clear();
  cache.set(cacheKey, key);
  return key;
}

/** The key an application signs its tokens with: its cert, or cert-built-in when none is set. */
export async function applicationSigningKey(context: AppContext, application: Application): Promise<SigningKey> {
  const name = application.cert || BUILT_IN_CERT;
  const cert = await findCertForOrganization(context.db, name, application.organization);
  if (!cert) throw new SigningKeyError(`application ${application.name} uses cert ${name}, which does not exist`);
  return signingKeyOf(cert, context.secrets);
}
