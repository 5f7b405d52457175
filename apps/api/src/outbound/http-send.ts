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
  /** The whole call (resolving, connecting, sending, the status line, headers and body) ends by then. */
  timeoutMs: number;
  /** At most this many bytes of the response body are read; the connection is closed at that point. */
  maxResponseBytes: number;
  allowPrivate: boolean;
}

export class InvalidCallbackUrlError extends Error {}

/** The receiver did not finish answering within the deadline. */
export class OutboundDeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = 'OutboundDeadlineError';
  }
}

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
 * is not allowed (see address-guard). One deadline covers the whole call, and at most
 * `maxResponseBytes` of the body are read (the body is never used): past either, the connection
 * is closed. A receiver that answers slowly cannot hold a connection, or this server, longer.
 */
export function sendRequest(outbound: OutboundRequest): Promise<number> {
  return exchange(outbound).then((answer) => answer.status);
}

/** What came back: the status, and how many bytes of the body were read before the connection was closed. */
export interface OutboundAnswer {
  status: number;
  bodyBytesRead: number;
}

/** sendRequest, also answering how much of the body was read. */
export function exchange(outbound: OutboundRequest): Promise<OutboundAnswer> {
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
    let settled = false;
    let bodyBytesRead = 0;
    const deadline = AbortSignal.timeout(outbound.timeoutMs);
    deadline.addEventListener('abort', () => finish(new OutboundDeadlineError(outbound.timeoutMs)), { once: true });
    const request = send(url, {
      method: outbound.method,
      signal: deadline,
      lookup: guardedLookup(outbound.allowPrivate) as never,
      agent: false,
      headers: {
        ...outbound.headers,
        'user-agent': 'Latchkey',
        connection: 'close',
        ...(outbound.body && body ? { 'content-type': outbound.body.contentType, 'content-length': String(body.length) } : {}),
      },
    });
    /** Ends the call once: closes the connection and answers the status or the error. */
    function finish(outcome: number | Error) {
      if (settled) return;
      settled = true;
      request.destroy();
      if (typeof outcome === 'number') resolve({ status: outcome, bodyBytesRead });
      else reject(outcome);
    }
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        bodyBytesRead += chunk.length;
        if (bodyBytesRead >= outbound.maxResponseBytes) {
          response.destroy();
          finish(status);
        }
      });
      response.on('end', () => finish(status));
      response.on('error', (error) => finish(error));
    });
    request.on('error', (error) => finish(error));
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
