/**
 * RSA signatures (RS256, RS384, RS512) through the system's OpenSSL 3, where it loads and signs
 * faster. Its RSA code uses the AVX-512 integer multiply-add instructions of recent processors and
 * signs RSA-2048 about twice as fast as the BoringSSL inside Bun on such a processor; elsewhere, and
 * for larger keys before OpenSSL 3.2, it is as fast or slower. Which library signs is therefore
 * measured, once for each key size and digest, on the machine itself.
 *
 * PKCS#1 v1.5 signatures are deterministic, so a key is handed to OpenSSL only after a probe signed
 * by both libraries came out byte for byte the same. Where the library is missing, cannot read the
 * key or disagrees, and if a signature ever fails, node:crypto signs as before. OpenSSL only ever
 * reads keys that node:crypto has already parsed, re-encoded by node:crypto as PKCS#8 DER.
 */
import { dlopen, type Pointer } from 'bun:ffi';
import { type KeyObject, sign } from 'node:crypto';
import { OPENSSL_LIBRARY, openSslLoader } from './openssl-library.ts';

export type RsaDigest = 'sha256' | 'sha384' | 'sha512';

/** Signs `input` with the key it was made for; undefined if OpenSSL failed this once. */
export type RsaSign = (input: Buffer) => Buffer | undefined;

function open(name: string) {
  return dlopen(name, {
    BIO_new_mem_buf: { args: ['ptr', 'i32'], returns: 'ptr' },
    BIO_free: { args: ['ptr'], returns: 'i32' },
    d2i_PrivateKey_bio: { args: ['ptr', 'ptr'], returns: 'ptr' },
    EVP_PKEY_get_base_id: { args: ['ptr'], returns: 'i32' },
    EVP_PKEY_get_size: { args: ['ptr'], returns: 'i32' },
    EVP_PKEY_free: { args: ['ptr'], returns: 'void' },
    EVP_MD_CTX_new: { args: [], returns: 'ptr' },
    EVP_MD_CTX_free: { args: ['ptr'], returns: 'void' },
    EVP_get_digestbyname: { args: ['cstring'], returns: 'ptr' },
    EVP_DigestSignInit: { args: ['ptr', 'ptr', 'ptr', 'ptr', 'ptr'], returns: 'i32' },
    EVP_DigestSign: { args: ['ptr', 'ptr', 'ptr', 'ptr', 'u64'], returns: 'i32' },
  }).symbols;
}

type OpenSsl = ReturnType<typeof open>;

/** OpenSSL's identifier of plain RSA keys (EVP_PKEY_RSA, NID_rsaEncryption). */
const EVP_PKEY_RSA = 6;

/** What a probe signs before a key is trusted to OpenSSL. */
const PROBE = Buffer.from('latchkey: the same signature from both libraries');

/** The library by name, opened once; null where it does not load. */
const library = openSslLoader(open);

/** Frees OpenSSL's copy of a key once no signer holds it any more. */
const keysToFree = new FinalizationRegistry<{ symbols: OpenSsl; key: Pointer }>(({ symbols, key }) =>
  symbols.EVP_PKEY_free(key),
);

/** OpenSSL's copy of an RSA private key, or null. */
function readKey(symbols: OpenSsl, privateKey: KeyObject): Pointer | null {
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const bio = symbols.BIO_new_mem_buf(der, der.length);
  if (!bio) return null;
  try {
    const key = symbols.d2i_PrivateKey_bio(bio, null) as Pointer | null;
    if (!key) return null;
    if (symbols.EVP_PKEY_get_base_id(key) !== EVP_PKEY_RSA) {
      symbols.EVP_PKEY_free(key);
      return null;
    }
    return key;
  } finally {
    symbols.BIO_free(bio);
  }
}

/**
 * A signer of `privateKey` through OpenSSL, or undefined where node:crypto must sign: not an RSA
 * key, no OpenSSL 3, or a probe signature that differs from node:crypto's.
 */
export function openSslRsaSigner(
  privateKey: KeyObject,
  digest: RsaDigest,
  libraryName = OPENSSL_LIBRARY,
): RsaSign | undefined {
  if (privateKey.asymmetricKeyType !== 'rsa') return undefined;
  const symbols = library(libraryName);
  if (!symbols) return undefined;
  const md = symbols.EVP_get_digestbyname(Buffer.from(`${digest}\0`));
  if (!md) return undefined;
  const key = readKey(symbols, privateKey);
  if (key === null) return undefined;
  const size = symbols.EVP_PKEY_get_size(key);
  const length = new BigUint64Array(1);
  const signer: RsaSign = (input) => {
    const signature = Buffer.allocUnsafe(size);
    length[0] = BigInt(size);
    const context = symbols.EVP_MD_CTX_new();
    if (!context) return undefined;
    try {
      if (symbols.EVP_DigestSignInit(context, null, md, null, key) !== 1) return undefined;
      if (symbols.EVP_DigestSign(context, signature, length, input, input.length) !== 1) return undefined;
    } finally {
      symbols.EVP_MD_CTX_free(context);
    }
    return length[0] === BigInt(size) ? signature : undefined;
  };
  keysToFree.register(signer, { symbols, key });
  const probe = signer(PROBE);
  return probe?.equals(sign(digest, PROBE, privateKey)) ? signer : undefined;
}

/** How many signatures of each library a comparison times. */
const COMPARED_SIGNATURES = 3;

/** The library each key size and digest is signed with, as measured: true for OpenSSL. */
const openSslIsFaster = new Map<string, boolean>();

/** Whether `challenger` signed faster than `incumbent`, by the quickest of a few alternating signatures. */
export function signsFaster(
  challenger: () => unknown,
  incumbent: () => unknown,
  rounds = COMPARED_SIGNATURES,
): boolean {
  let challengerBest = Number.POSITIVE_INFINITY;
  let incumbentBest = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    let started = performance.now();
    challenger();
    challengerBest = Math.min(challengerBest, performance.now() - started);
    started = performance.now();
    incumbent();
    incumbentBest = Math.min(incumbentBest, performance.now() - started);
  }
  return challengerBest < incumbentBest;
}

/**
 * The OpenSSL signer of `privateKey` where OpenSSL signs keys of its size faster than node:crypto
 * on this machine (measured with the first such key, then remembered), otherwise undefined.
 */
export function fasterRsaSigner(privateKey: KeyObject, digest: RsaDigest): RsaSign | undefined {
  const kind = `${privateKey.asymmetricKeyDetails?.modulusLength}/${digest}`;
  // Keys of a size node:crypto signs faster are not handed to OpenSSL at all.
  if (openSslIsFaster.get(kind) === false) return undefined;
  const signer = openSslRsaSigner(privateKey, digest);
  if (!signer) return undefined;
  let faster = openSslIsFaster.get(kind);
  if (faster === undefined) {
    faster = signsFaster(
      () => signer(PROBE),
      () => sign(digest, PROBE, privateKey),
    );
    openSslIsFaster.set(kind, faster);
  }
  return faster ? signer : undefined;
}
