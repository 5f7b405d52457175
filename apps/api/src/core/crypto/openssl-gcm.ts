/**
 * AES-256-GCM sealing through the system's OpenSSL 3, with the key expanded once. node:crypto makes a
 * cipher object (and expands the key) for every seal, and a buffer for the input, the ciphertext and
 * the tag each: under a token endpoint's load that was 6 % of a request, half of it the garbage those
 * leave (bench/README.md, "Sealing through OpenSSL"). Here one OpenSSL cipher context per key is given
 * each nonce in turn and writes into one buffer that is reused.
 *
 * Opening stays with node:crypto; the secret box uses a sealer only after a value it sealed opened
 * there, and where the library is missing or that probe fails, node:crypto seals as before.
 */
import { dlopen, type Pointer } from 'bun:ffi';
import { OPENSSL_LIBRARY, openSslLoader } from './openssl-library.ts';

/** base64url of nonce ‖ ciphertext ‖ tag for `plain` under `iv`; undefined if OpenSSL failed this once. */
export type GcmSeal = (iv: Uint8Array, plain: string) => string | undefined;

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** EVP_CTRL_GCM_GET_TAG (EVP_CTRL_AEAD_GET_TAG) of OpenSSL's evp.h. */
const EVP_CTRL_GCM_GET_TAG = 0x10;
/**
 * The longest text (UTF-16 code units) sealed here; a longer one is left to node:crypto, so that one
 * large value does not keep a large buffer for the life of the process (at most 192 KB here).
 */
const MAX_TEXT = 65_536;
/** Worst case of UTF-8 bytes per UTF-16 code unit. */
const UTF8_BYTES_PER_UNIT = 3;

function open(name: string) {
  return dlopen(name, {
    EVP_CIPHER_CTX_new: { args: [], returns: 'ptr' },
    EVP_CIPHER_CTX_free: { args: ['ptr'], returns: 'void' },
    EVP_aes_256_gcm: { args: [], returns: 'ptr' },
    EVP_EncryptInit_ex: { args: ['ptr', 'ptr', 'ptr', 'ptr', 'ptr'], returns: 'i32' },
    EVP_EncryptUpdate: { args: ['ptr', 'ptr', 'ptr', 'ptr', 'i32'], returns: 'i32' },
    EVP_EncryptFinal_ex: { args: ['ptr', 'ptr', 'ptr'], returns: 'i32' },
    EVP_CIPHER_CTX_ctrl: { args: ['ptr', 'i32', 'i32', 'ptr'], returns: 'i32' },
  }).symbols;
}

type OpenSsl = ReturnType<typeof open>;

/** The library by name, opened once; null where it does not load. */
const library = openSslLoader(open);

/** Frees a cipher context (and the expanded key in it) once no sealer holds it. */
const contextsToFree = new FinalizationRegistry<{ symbols: OpenSsl; context: Pointer }>(({ symbols, context }) =>
  symbols.EVP_CIPHER_CTX_free(context),
);

/**
 * A sealer under the 32-byte `key` through OpenSSL, or undefined where the library does not load.
 * The secret box (secret-box.ts) uses it only after a value it sealed opened there.
 */
export function openSslGcmSealer(key: Buffer, libraryName = OPENSSL_LIBRARY): GcmSeal | undefined {
  if (key.length !== 32) return undefined;
  const symbols = library(libraryName);
  if (!symbols) return undefined;
  const context = symbols.EVP_CIPHER_CTX_new() as Pointer | null;
  if (!context) return undefined;
  if (symbols.EVP_EncryptInit_ex(context, symbols.EVP_aes_256_gcm(), null, key, null) !== 1) {
    symbols.EVP_CIPHER_CTX_free(context);
    return undefined;
  }
  const written = new Int32Array(1);
  /** nonce ‖ text, encrypted in place ‖ tag; grown for a longer text up to MAX_TEXT's room, never shrunk. */
  let scratch = Buffer.allocUnsafe(4096);
  const seal: GcmSeal = (iv, plain) => {
    if (iv.length !== IV_BYTES || plain.length > MAX_TEXT) return undefined;
    const room = IV_BYTES + plain.length * UTF8_BYTES_PER_UNIT + TAG_BYTES;
    if (scratch.length < room) scratch = Buffer.allocUnsafe(room);
    scratch.set(iv, 0);
    const length = scratch.write(plain, IV_BYTES, 'utf8');
    const text = scratch.subarray(IV_BYTES, IV_BYTES + length);
    const tag = scratch.subarray(IV_BYTES + length, IV_BYTES + length + TAG_BYTES);
    if (symbols.EVP_EncryptInit_ex(context, null, null, null, iv) !== 1) return undefined;
    if (symbols.EVP_EncryptUpdate(context, text, written, text, length) !== 1 || written[0] !== length)
      return undefined;
    // GCM writes nothing at the end; `tag` is room enough if it did.
    if (symbols.EVP_EncryptFinal_ex(context, tag, written) !== 1 || written[0] !== 0) return undefined;
    if (symbols.EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, TAG_BYTES, tag) !== 1) return undefined;
    return scratch.toString('base64url', 0, IV_BYTES + length + TAG_BYTES);
  };
  contextsToFree.register(seal, { symbols, context });
  return seal;
}
