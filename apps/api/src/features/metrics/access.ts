import type { ClientAddressSource } from '../../http/request-info.ts';

const forwardingHeaders = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

export function isLoopbackAddress(address: string): boolean {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/**
 * True when the request came straight from this machine: the socket's peer is a loopback address
 * and no proxy forwarded it. A reverse proxy on the same host connects from 127.0.0.1 too, but it
 * adds a forwarding header, so what it relays from the internet never counts as local.
 */
export function isDirectLoopback(request: Request, server: ClientAddressSource | null | undefined): boolean {
  if (forwardingHeaders.some((name) => request.headers.has(name))) return false;
  const address = server?.requestIP?.(request)?.address;
  return address !== undefined && isLoopbackAddress(address);
}
