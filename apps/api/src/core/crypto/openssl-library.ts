/** The shared library of OpenSSL 3 on Linux distributions. */
export const OPENSSL_LIBRARY = 'libcrypto.so.3';

/**
 * The functions `open` binds, by library name: the library is opened once per name, and is null
 * where it does not load (another system, no OpenSSL 3), so that callers fall back to node:crypto.
 */
export function openSslLoader<Symbols>(open: (name: string) => Symbols): (name: string) => Symbols | null {
  const loaded = new Map<string, Symbols | null>();
  return (name) => {
    let symbols = loaded.get(name);
    if (symbols === undefined) {
      try {
        symbols = process.platform === 'linux' ? open(name) : null;
      } catch {
        symbols = null;
      }
      loaded.set(name, symbols);
    }
    return symbols;
  };
}
