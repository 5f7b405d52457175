import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
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
const hexWords = (bytes: Uint8Array) =>
  Array.from({ length: 8 }, (_, index) => ((bytes[index * 2]! << 8) | bytes[index * 2 + 1]!).toString(16)).join(':');

/** The worse of several verdicts: metadata, then private, then public. */
const worst = (verdicts: AddressVerdict[]): AddressVerdict =>
  verdicts.includes('metadata') ? 'metadata' : verdicts.includes('private') ? 'private' : 'public';

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

/**
 * The addresses to connect to for a host: a literal IP as it is, a name resolved once here.
 * Refused (RefusedAddressError) when the address, or any address the name resolves to, is not
 * allowed. The caller connects only to the addresses answered, so nothing can change between the
 * check and the connection (no DNS rebinding).
 */
export async function resolvePermitted(hostname: string, allowPrivate: boolean): Promise<LookupAddress[]> {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const family = isIP(bare);
  if (family !== 0 || ipv6Bytes(bare)) {
    if (!addressAllowed(bare, allowPrivate)) throw new RefusedAddressError(hostname, bare, classifyAddress(bare));
    return [{ address: bare, family: family || 6 }];
  }
  const addresses = await dnsLookup(bare, { all: true });
  const refused = addresses.find((entry) => !addressAllowed(entry.address, allowPrivate));
  if (refused || addresses.length === 0) {
    const address = refused?.address ?? '';
    throw new RefusedAddressError(hostname, address, classifyAddress(address));
  }
  return addresses;
}

/** Checks a literal IP host up front, before anything is resolved or connected. */
export function checkLiteralHost(hostname: string, allowPrivate: boolean): void {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if ((isIP(bare) || ipv6Bytes(bare)) && !addressAllowed(bare, allowPrivate))
    throw new RefusedAddressError(hostname, bare, classifyAddress(bare));
}
