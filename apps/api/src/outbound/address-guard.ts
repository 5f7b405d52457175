import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Cloud metadata services: never a callback target, whatever the configuration says. */
const metadata = new BlockList();
for (const address of ['169.254.169.254', '169.254.170.2', '100.100.100.200']) metadata.addAddress(address, 'ipv4');
metadata.addAddress('fd00:ec2::254', 'ipv6');

/** Addresses that are not on the public internet: private, loopback, link-local, shared, reserved, multicast. */
const nonPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(network, prefix, 'ipv6');
}

export type AddressVerdict = 'public' | 'private' | 'metadata';

/** Classifies an IP address (IPv4-mapped IPv6 addresses count as their IPv4 address). */
export function classifyAddress(address: string): AddressVerdict {
  const family = isIP(address);
  if (family === 0) return 'private';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (metadata.check(address, type)) return 'metadata';
  return nonPublic.check(address, type) ? 'private' : 'public';
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
  if (isIP(bare) && !addressAllowed(bare, allowPrivate)) throw new RefusedAddressError(hostname, bare, classifyAddress(bare));
}
