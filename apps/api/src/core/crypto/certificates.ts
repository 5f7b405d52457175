import { generateRsaKeyPair } from './low-priority-rsa.ts';

let x509Library: Promise<typeof import('@peculiar/x509')> | undefined;

/**
 * @peculiar/x509, loaded the first time a certificate is made (a first start, a new cert): a
 * server that has its certs never needs it. The decorators' metadata it reads is loaded first.
 */
function loadX509(): Promise<typeof import('@peculiar/x509')> {
  x509Library ??= import('reflect-metadata')
    .then(() => import('@peculiar/x509'))
    .then((x509) => {
      x509.cryptoProvider.set(crypto);
      return x509;
    });
  return x509Library;
}

export const signingAlgorithms = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

export function isSigningAlgorithm(value: string): value is SigningAlgorithm {
  return (signingAlgorithms as readonly string[]).includes(value);
}

function keyAlgorithm(
  algorithm: SigningAlgorithm,
  bitSize: number,
): { generate: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm; sign: Algorithm | EcdsaParams } {
  switch (algorithm) {
    case 'RS256':
    case 'RS384':
    case 'RS512': {
      const hash = `SHA-${algorithm.slice(2)}`;
      const generate = {
        name: 'RSASSA-PKCS1-v1_5',
        hash,
        publicExponent: new Uint8Array([1, 0, 1]),
        modulusLength: bitSize || 2048,
      };
      return { generate, sign: generate };
    }
    case 'ES256':
      return { generate: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } };
    case 'ES384':
      return { generate: { name: 'ECDSA', namedCurve: 'P-384' }, sign: { name: 'ECDSA', hash: 'SHA-384' } };
    case 'ES512':
      return { generate: { name: 'ECDSA', namedCurve: 'P-521' }, sign: { name: 'ECDSA', hash: 'SHA-512' } };
    case 'EdDSA':
      return { generate: { name: 'Ed25519' }, sign: { name: 'Ed25519' } };
  }
}

/**
 * A key pair as WebCrypto keys. RSA keys (up to a second of CPU for 4096 bits) are made on a
 * low-priority thread of their own, which WebCrypto's generateKey does not do here; EC and Ed25519
 * keys take microseconds.
 */
async function generateKeys(generate: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm): Promise<CryptoKeyPair> {
  if (generate.name !== 'RSASSA-PKCS1-v1_5')
    return (await crypto.subtle.generateKey(generate, true, ['sign', 'verify'])) as CryptoKeyPair;
  const rsa = generate as RsaHashedKeyGenParams;
  const { privateKey, publicKey } = await generateRsaKeyPair(rsa.modulusLength);
  return {
    privateKey: await crypto.subtle.importKey('pkcs8', privateKey, rsa, true, ['sign']),
    publicKey: await crypto.subtle.importKey('spki', publicKey, rsa, true, ['verify']),
  };
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${label}-----\n`;

export interface GeneratedCertificate {
  certificate: string;
  privateKey: string;
  expireTime: string;
}

/** A fresh key pair and a self-signed X.509 certificate for signing tokens. */
export async function generateCertificate(options: {
  algorithm: SigningAlgorithm;
  bitSize?: number;
  expireInYears?: number;
  commonName: string;
}): Promise<GeneratedCertificate> {
  const { generate, sign } = keyAlgorithm(options.algorithm, options.bitSize ?? 2048);
  const keys = await generateKeys(generate);
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setFullYear(notAfter.getFullYear() + (options.expireInYears || 20));
  const x509 = await loadX509();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(crypto.getRandomValues(new Uint8Array(16)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: `CN=${options.commonName.replace(/[,=+<>#;"\\]/g, ' ')}`,
    notBefore,
    notAfter,
    signingAlgorithm: sign,
    keys,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return {
    certificate: certificate.toString('pem'),
    privateKey: pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
    expireTime: notAfter.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}
