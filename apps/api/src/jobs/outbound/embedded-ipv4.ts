import { isIPv4, isIPv6 } from 'node:net';

/**
 * The 16 bytes of an IPv6 address in any spelling (compressed, expanded, upper case, with a dotted
 * IPv4 tail, with a zone id); undefined when it is not one.
 */
export function ipv6Bytes(address: string): Uint8Array | undefined {
  const bare = address.split('%')[0]!;
  if (!isIPv6(bare)) return undefined;
  let text = bare.toLowerCase();
  // A dotted IPv4 tail is the last two words.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return undefined;
    const [a, b, c, d] = tail.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((word) => parseInt(word, 16)));
  const gap = text.indexOf('::');
  const head = parse(gap === -1 ? text : text.slice(0, gap));
  const rest = gap === -1 ? [] : parse(text.slice(gap + 2));
  const missing = 8 - head.length - rest.length;
  if ((gap === -1 && missing !== 0) || (gap !== -1 && missing < 1)) return undefined;
  const words = [...head, ...Array<number>(missing).fill(0), ...rest];
  if (words.some((word) => !(word >= 0 && word <= 0xffff))) return undefined;
  const bytes = new Uint8Array(16);
  words.forEach((word, index) => {
    bytes[index * 2] = word >> 8;
    bytes[index * 2 + 1] = word & 0xff;
  });
  return bytes;
}

const dotted = (bytes: Uint8Array, at: number, mask = 0) =>
  [0, 1, 2, 3].map((offset) => (bytes[at + offset]! ^ mask) & 0xff).join('.');

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

/**
 * Every IPv4 address an IPv6 address carries and that a network on the way may deliver to:
 * IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), IPv4-compatible (::/96),
 * NAT64 (64:ff9b::/96, and the local-use 64:ff9b:1::/48 in its /96 form), 6to4 (2002::/16, bits
 * 16-47) and Teredo (2001::/32: the server in bits 32-63, the client in the last 32 bits,
 * inverted). Empty when it carries none.
 */
export function embeddedIPv4(bytes: Uint8Array): string[] {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return [dotted(bytes, 12)];
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return [dotted(bytes, 12)];
  if (zeros(0, 12)) return [dotted(bytes, 12)];
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b]) && zeros(4, 12)) return [dotted(bytes, 12)];
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01])) return [dotted(bytes, 12)];
  if (startsWith(bytes, [0x20, 0x02])) return [dotted(bytes, 2)];
  if (startsWith(bytes, [0x20, 0x01, 0x00, 0x00])) return [dotted(bytes, 4), dotted(bytes, 12, 0xff)];
  return [];
}
