import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { embeddedIPv4, ipv6Bytes } from './embedded-ipv4.ts';

/** Cloud metadata services: never a callback target, whatever the configuration says. */
const metadata = new BlockList();
for (const address of ['169.254.169.254', '169.254.170.2', '100.100.100.200']) metadata.addAddress(address, 'ipv4');
metadata.addAddress('fd00:ec2::254', 'ipv6');

/** IPv4 networks that are not on the public internet: private, loopback, link-local, shared, reserved, documentation, multicast. */
const nonPublic4 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
  ['255.255.255.255', 32],
] as const) {
  nonPublic4.addSubnet(network, prefix, 'ipv4');
}

/**
 * IPv6 networks that are not on the public internet. The ranges that carry an IPv4 address
 * (mapped, translated, compatible, NAT64, 6to4, Teredo) are judged by that address instead.
 */
const nonPublic6 = new BlockList();
for (const [network, prefix] of [
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:2::', 48],
  ['2001:10::', 28],
  ['2001:20::', 28],
  ['2001:db8::', 32],
  ['3fff::', 20],
  ['5f00::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic6.addSubnet(network, prefix, 'ipv6');
}

export type AddressVerdict = 'public' | 'private' | 'metadata';

function classifyIPv4(address: string): AddressVerdict {
  if (metadata.check(address, 'ipv4')) return 'metadata';
  return nonPublic4.check(address, 'ipv4') ? 'private' : 'public';
}

/** The address in full hex words, so that no spelling (dotted tail, upper case) reaches the lists. */
const hexWords = (bytes: Uint8Array) => Array.from({ length: 8 }, (_, index) => ((bytes[index * 2]! << 8) | bytes[index * 2 + 1]!).toString(16)).join(':');

/** The worse of several verdicts: metadata, then private, then public. */
const worst = (verdicts: AddressVerdict[]): AddressVerdict => (verdicts.includes('metadata') ? 'metadata' : verdicts.includes('private') ? 'private' : 'public');

/**
 * Classifies an IP address. An IPv6 address that carries IPv4 addresses (mapped, translated,
 * compatible, NAT64, 6to4, Teredo) is no more public than the worst of them, since a translator on
 * the way delivers to that IPv4 address. A zone id is only meaningful for a non-public address.
 * Anything that is not an address counts as private.
 */
export function classifyAddress(address: string): AddressVerdict {
  if (isIP(address) === 4) return classifyIPv4(address);
  const bytes = ipv6Bytes(address);
  if (!bytes) return 'private';
  const canonical = hexWords(bytes);
  if (metadata.check(canonical, 'ipv6')) return 'metadata';
  const verdicts = embeddedIPv4(bytes).map(classifyIPv4);
  if (address.includes('%') || nonPublic6.check(canonical, 'ipv6')) verdicts.push('private');
  return worst(verdicts);
}

export class RefusedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly verdict: AddressVerdict,
  ) {
    super(`refused to connect to ${host} (${address}): ${verdict} address`);
    this.name = 'RefusedAddressError';
  }
}

/** Whether an address may be connected to; private ones only when the configuration allows them. */
export function addressAllowed(address: string, allowPrivate: boolean): boolean {
  const verdict = classifyAddress(address);
  return verdict === 'public' || (verdict === 'private' && allowPrivate);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http that resolves the host and refuses the connection when any address it
 * resolves to is not allowed. Checking at connection time (not before the request) leaves no gap
 * for DNS rebinding between the check and the connect.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: unknown, callback?: LookupCallback) => {
    const done = (typeof options === 'function' ? options : callback) as LookupCallback;
    const wantsAll = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return done(error, wantsAll ? [] : '');
      const refused = addresses.find((entry) => !addressAllowed(entry.address, allowPrivate));
      if (refused || addresses.length === 0) {
        const address = refused?.address ?? '';
        return done(new RefusedAddressError(hostname, address, classifyAddress(address)), wantsAll ? [] : '');
      }
      if (wantsAll) return done(null, addresses);
      done(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** Checks a literal IP host up front (lookups are skipped for those). */
export function checkLiteralHost(hostname: string, allowPrivate: boolean): void {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if ((isIP(bare) || ipv6Bytes(bare)) && !addressAllowed(bare, allowPrivate)) throw new RefusedAddressError(hostname, bare, classifyAddress(bare));
}
