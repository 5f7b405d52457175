import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkLiteralHost, guardedLookup } from './address-guard.ts';

/** The methods a callback may be sent with. */
export const OUTBOUND_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type OutboundMethod = (typeof OUTBOUND_METHODS)[number];

/** Headers a callback's configuration may not set: the connection and the body's framing are ours. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te', 'trailer', 'keep-alive', 'proxy-connection', 'expect']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]{0,4000}$/;

/** Whether a configured header may be sent: a valid name that is not reserved, a value without line breaks. */
export function isSendableHeader(name: string, value: string): boolean {
  return HEADER_NAME.test(name) && !RESERVED_HEADERS.has(name.toLowerCase()) && HEADER_VALUE.test(value);
}

export interface OutboundRequest {
  url: string;
  method: OutboundMethod;
  /** Extra headers (checked with isSendableHeader; others are an error). */
  headers?: Record<string, string>;
  /** The body and its content type, if any. */
  body?: { contentType: string; content: string };
  timeoutMs: number;
  allowPrivate: boolean;
}

export class InvalidCallbackUrlError extends Error {}

function parseCallbackUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidCallbackUrlError(`not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidCallbackUrlError(`not http(s): ${url.protocol}`);
  return url;
}

/**
 * Sends one request to a callback URL and answers the response status. Only http and https;
 * redirects are not followed; the connection is refused when the host resolves to an address that
 * is not allowed (see address-guard).
 */
export function sendRequest(outbound: OutboundRequest): Promise<number> {
  let url: URL;
  try {
    url = parseCallbackUrl(outbound.url);
    checkLiteralHost(url.hostname, outbound.allowPrivate);
    for (const [name, value] of Object.entries(outbound.headers ?? {})) {
      if (!isSendableHeader(name, value)) throw new InvalidCallbackUrlError(`header not allowed: ${name}`);
    }
  } catch (error) {
    return Promise.reject(error);
  }
  const body = outbound.body ? Buffer.from(outbound.body.content) : undefined;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: outbound.method,
        lookup: guardedLookup(outbound.allowPrivate) as never,
        timeout: outbound.timeoutMs,
        headers: {
          ...outbound.headers,
          'user-agent': 'Latchkey',
          ...(outbound.body && body ? { 'content-type': outbound.body.contentType, 'content-length': String(body.length) } : {}),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${outbound.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** Form fields as an urlencoded body. */
export const formBody = (form: Record<string, string>) => ({ contentType: 'application/x-www-form-urlencoded', content: new URLSearchParams(form).toString() });

/** Sends form fields: the urlencoded body of a POST, or added to the query of a GET. */
export function sendForm(outbound: Omit<OutboundRequest, 'body' | 'method'> & { method: 'GET' | 'POST'; form: Record<string, string> }): Promise<number> {
  const { form, ...rest } = outbound;
  if (outbound.method === 'POST') return sendRequest({ ...rest, body: formBody(form) });
  let url: URL;
  try {
    url = parseCallbackUrl(outbound.url);
  } catch (error) {
    return Promise.reject(error);
  }
  for (const [name, value] of Object.entries(form)) url.searchParams.append(name, value);
  return sendRequest({ ...rest, url: url.toString() });
}
