import { randomUUID } from 'node:crypto';
import { negotiateLanguage, type Language } from '@latchkey/i18n';

/** What we know about a request before any route runs: its id, language, address and start time. */
export interface RequestInfo {
  id: string;
  startedAt: number;
  language: Language;
  clientIp: string;
}

const infos = new WeakMap<Request, RequestInfo>();

export interface ClientAddressSource {
  requestIP?(request: Request): { address: string } | null;
}

export function clientAddress(request: Request, server: ClientAddressSource | null | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    // The last entry is the one our own proxy added; entries before it are whatever the client sent.
    const forwarded = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  return server?.requestIP?.(request)?.address ?? '';
}

export function startRequest(request: Request, clientIp: string): RequestInfo {
  const info: RequestInfo = {
    id: request.headers.get('x-request-id')?.match(/^[\w.-]{8,64}$/)?.[0] ?? randomUUID(),
    startedAt: performance.now(),
    language: negotiateLanguage(request.headers.get('accept-language')),
    clientIp,
  };
  infos.set(request, info);
  return info;
}

/** The request's info; requests that did not pass through the server (unit tests) get one on first use. */
export function requestInfo(request: Request): RequestInfo {
  return infos.get(request) ?? startRequest(request, '');
}
