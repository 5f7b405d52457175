import { randomUUID } from 'node:crypto';
import { negotiateLanguage, type Language } from '@latchkey/i18n';

/** What we know about a request before any route runs: its id, language, address and start time. */
export interface RequestInfo {
  id: string;
  startedAt: number;
  language: Language;
  clientIp: string;
}

/** The language is worked out from Accept-Language only when a message is translated. */
class StartedRequest implements RequestInfo {
  #language: Language | undefined;

  constructor(
    private readonly request: Request,
    readonly id: string,
    readonly startedAt: number,
    readonly clientIp: string,
  ) {}

  get language(): Language {
    return (this.#language ??= negotiateLanguage(this.request.headers.get('accept-language')));
  }
}

const infos = new WeakMap<Request, RequestInfo>();

export interface ClientAddressSource {
  requestIP?(request: Request): { address: string } | null;
}

const ADDRESS = /^[0-9a-f.:[\]%]{2,64}$/i;

export function clientAddress(request: Request, server: ClientAddressSource | null | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    // The last entry is the one our own proxy added; entries before it are whatever the client sent.
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    // Only what can be an address (IPv4, IPv6, with a port or brackets): anything else is ignored,
    // rather than kept as a rate-limit key or in records.
    if (forwarded && ADDRESS.test(forwarded)) return forwarded;
  }
  return server?.requestIP?.(request)?.address ?? '';
}

export function startRequest(request: Request, clientIp: string): RequestInfo {
  const given = request.headers.get('x-request-id');
  const id = given !== null && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
  const info = new StartedRequest(request, id, performance.now(), clientIp);
  infos.set(request, info);
  return info;
}

/** The request's info; requests that did not pass through the server (unit tests) get one on first use. */
export function requestInfo(request: Request): RequestInfo {
  return infos.get(request) ?? startRequest(request, '');
}
