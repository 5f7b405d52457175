import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { codecs } from '@latchkey/db';
import { Cert } from '@latchkey/types';
import { formatTime } from '../../core/context.ts';
import { generateCertificate, isSigningAlgorithm } from '../../core/crypto/certificates.ts';
import { accepted, creationTime, globalOrOrganizationOwner, type Prepare, rejected } from './entry.ts';
import { nameProblem, readFields } from './read-fields.ts';

/** RSA keys the API accepts: 2048 to 4096 bits (larger ones make every signature slow). */
const RSA_BITS = { min: 2048, max: 4096 } as const;

const rsaSizeProblem = (bits: number) =>
  bits < RSA_BITS.min || bits > RSA_BITS.max
    ? `its RSA key has ${bits} bits; Latchkey takes ${RSA_BITS.min} to ${RSA_BITS.max}`
    : undefined;

/** A problem with a certificate and private key given in PEM, or undefined when they form a pair of a size the API accepts. */
function keyPairProblem(certificatePem: string, privateKeyPem: string): string | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(certificatePem);
  } catch {
    return 'its certificate is not a PEM X.509 certificate';
  }
  let publicFromPrivate: string;
  let rsaBits: number | undefined;
  try {
    const privateKey = createPrivateKey(privateKeyPem);
    if (privateKey.asymmetricKeyType === 'rsa') rsaBits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
    publicFromPrivate = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    return 'its private key is not a PEM private key';
  }
  if (rsaBits !== undefined && rsaSizeProblem(rsaBits)) return rsaSizeProblem(rsaBits);
  if (certificate.publicKey.export({ type: 'spki', format: 'pem' }).toString() !== publicFromPrivate) {
    return 'its private key does not belong to its certificate';
  }
  return undefined;
}

/**
 * A signing cert. A certificate with its private key is kept (the key sealed at rest), so tokens
 * keep verifying against the certificate applications already have; a cert with neither is made
 * fresh, as Casdoor does.
 */
export const prepareCert: Prepare = async ({ context, raw }) => {
  const read = readFields(Cert, raw);
  if (!read.ok) return rejected(read.problem);
  const cert = read.object;
  const badName = nameProblem('cert', cert.name);
  if (badName) return rejected(badName);
  const owner = await globalOrOrganizationOwner(context.db, cert.owner);
  if ('problem' in owner) return rejected(owner.problem);
  const algorithm = cert.cryptoAlgorithm === 'RSA' || cert.cryptoAlgorithm === '' ? 'RS256' : cert.cryptoAlgorithm;
  if (!isSigningAlgorithm(algorithm))
    return rejected(`its algorithm "${cert.cryptoAlgorithm}" is not one Latchkey signs with`);

  const notes: string[] = [];
  let { certificate, privateKey, expireTime } = cert;
  if (!certificate && !privateKey) {
    if (algorithm.startsWith('RS') && cert.bitSize && rsaSizeProblem(cert.bitSize))
      return rejected(rsaSizeProblem(cert.bitSize)!);
    const generated = await generateCertificate({
      algorithm,
      bitSize: cert.bitSize || 2048,
      expireInYears: cert.expireInYears || 20,
      commonName: cert.name,
    });
    ({ certificate, privateKey, expireTime } = generated);
    notes.push('the file had no key pair: a new one was generated');
  } else if (!privateKey) {
    return rejected('it has a certificate but no private key (was the file exported without secrets?)');
  } else if (!certificate) {
    return rejected('it has a private key but no certificate');
  } else {
    const problem = keyPairProblem(certificate, privateKey);
    if (problem) return rejected(problem);
    if (!expireTime) expireTime = formatTime(new Date(new X509Certificate(certificate).validTo));
  }
  const row = codecs.cert.encode({
    ...cert,
    owner: owner.owner,
    createdTime: creationTime(context, cert.createdTime),
    cryptoAlgorithm: algorithm,
    certificate,
    privateKey: context.secrets.seal(privateKey),
    expireTime,
  });
  return accepted({ table: 'cert', owner: owner.owner, name: cert.name, row, notes });
};
