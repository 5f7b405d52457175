import { type RequestState, requestStateOf } from './request-state.ts';

/** What we know about a request before any route runs: its id, language, address and start time. */
export type RequestInfo = Pick<RequestState, 'id' | 'startedAt' | 'language' | 'clientIp'>;

export interface ClientAddressSource {
  requestIP?(request: Request): { address: string } | null;
}

const ADDRESS = /^[0-9a-f.:[\]%]{2,64}$/i;

export function clientAddress(
  request: Request,
  server: ClientAddressSource | null | undefined,
  trustProxy: boolean,
): string {
  if (trustProxy) {
    // The last entry is the one our own proxy added; entries before it are whatever the client sent.
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    // Only what can be an address (IPv4, IPv6, with a port or brackets): anything else is ignored,
    // rather than kept as a rate-limit key or in records.
    if (forwarded && ADDRESS.test(forwarded)) return forwarded;
  }
  return server?.requestIP?.(request)?.address ?? '';
}

/** The request's id, start time, language and client address: a view of its state (request-state.ts). */
export function requestInfo(request: Request): RequestInfo {
  return requestStateOf(request);
}
