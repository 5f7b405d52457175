import type { LookupAddress } from 'node:dns';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { checkLiteralHost, resolvePermitted } from './address-guard.ts';
import { MalformedResponseError, ResponseReader } from './response-reader.ts';

/** The methods a callback may be sent with. */
export const OUTBOUND_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type OutboundMethod = (typeof OUTBOUND_METHODS)[number];

/** Headers a callback's configuration may not set: the connection and the body's framing are ours. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
  'proxy-connection',
  'expect',
]);
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
  /** The body and its content type, if any (text is sent as UTF-8, bytes as they are). */
  body?: { contentType: string; content: string | Uint8Array };
  /** The whole call (resolving, connecting, sending, the status line, headers and body) ends by then. */
  timeoutMs: number;
  /** At most this many bytes of the response body are read; the connection is closed at that point. */
  maxResponseBytes: number;
  allowPrivate: boolean;
  /** Keep the answer's headers and body (at most maxResponseBytes of the body), for a caller that reads them. */
  keepBody?: boolean;
}

export class InvalidCallbackUrlError extends Error {}

/** An answer whose body was to be kept was longer than allowed. */
export class ResponseTooLargeError extends Error {
  constructor(readonly maxResponseBytes: number) {
    super(`the answer is longer than ${maxResponseBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

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
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidCallbackUrlError(`not http(s): ${url.protocol}`);
  return url;
}

/**
 * Sends one request to a callback URL and answers the response status. Only http and https;
 * redirects are not followed; the host is resolved once and the connection made to exactly that
 * address, refused when it is not allowed (see address-guard). One deadline covers the whole call
 * (resolving, connecting, sending, the status line, headers and body), and at most
 * `maxResponseBytes` of the body are read (the body is never used): past either, the connection
 * is closed. A receiver that answers slowly cannot hold a connection, or this server, any longer.
 */
export function sendRequest(outbound: OutboundRequest): Promise<number> {
  return exchange(outbound).then((answer) => answer.status);
}

/** What came back: the status, and how many bytes of the body were read before the connection was closed. */
export interface OutboundAnswer {
  status: number;
  bodyBytesRead: number;
  /** The headers, in order (names in lower case), when `keepBody` asked for them. */
  headers?: [string, string][];
  /** The body, when `keepBody` asked for it. */
  body?: Buffer;
}

/** The request as written on the connection: HTTP/1.1, one request, then the connection is closed. */
function requestBytes(url: URL, outbound: OutboundRequest): Buffer {
  const content = outbound.body?.content;
  const body =
    content === undefined
      ? undefined
      : typeof content === 'string'
        ? Buffer.from(content)
        : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const lines = [`${outbound.method} ${url.pathname || '/'}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of Object.entries(outbound.headers ?? {})) lines.push(`${name}: ${value}`);
  lines.push('user-agent: Latchkey', 'connection: close');
  if (body) lines.push(`content-type: ${outbound.body!.contentType}`, `content-length: ${body.length}`);
  else if (outbound.method !== 'GET') lines.push('content-length: 0');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}

/** Errors of a connection that never got through: the next address of the host is tried. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ECONNRESET',
  'ETIMEDOUT',
]);

/** Where a host's checked addresses come from (tests stand in for DNS with a name of several addresses). */
export type ResolveAddresses = (hostname: string, allowPrivate: boolean) => Promise<LookupAddress[]>;

/** sendRequest, also answering how much of the body was read. */
export function exchange(
  outbound: OutboundRequest,
  resolveAddresses: ResolveAddresses = resolvePermitted,
): Promise<OutboundAnswer> {
  let url: URL;
  try {
    url = parseCallbackUrl(outbound.url);
    checkLiteralHost(url.hostname, outbound.allowPrivate);
    for (const [name, value] of Object.entries(outbound.headers ?? {})) {
      if (!isSendableHeader(name, value)) throw new InvalidCallbackUrlError(`header not allowed: ${name}`);
    }
    if (outbound.body && !isSendableHeader('content-type', outbound.body.contentType))
      throw new InvalidCallbackUrlError('content type not allowed');
  } catch (error) {
    return Promise.reject(error);
  }
  const secure = url.protocol === 'https:';
  const port = Number(url.port) || (secure ? 443 : 80);
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const reader = new ResponseReader(outbound.method, outbound.keepBody ?? false);
  return new Promise((resolve, reject) => {
    let settled = false;
    let socket: Socket | undefined;
    const deadline = AbortSignal.timeout(outbound.timeoutMs);
    deadline.addEventListener('abort', () => finish(new OutboundDeadlineError(outbound.timeoutMs)), { once: true });

    /**
     * Ends the call once: closes the connection and, once it is closed, answers the status or the
     * error (so that a caller counting its calls counts its open connections).
     */
    function finish(outcome: number | Error) {
      if (settled) return;
      settled = true;
      const answer = () =>
        typeof outcome === 'number'
          ? resolve({
              status: outcome,
              bodyBytesRead: reader.bodyBytes,
              ...(outbound.keepBody
                ? { headers: reader.headers, body: reader.body().subarray(0, outbound.maxResponseBytes) }
                : {}),
            })
          : reject(outcome);
      if (!socket || socket.closed) return answer();
      socket.once('close', answer);
      socket.destroy();
    }

    /** Connects to the addresses in turn: the next one only when one cannot be reached at all. */
    function connectTo(addresses: LookupAddress[], index: number) {
      const target = addresses[index]!;
      const candidate = secure
        ? tlsConnect({
            host: target.address,
            port,
            servername: isIP(hostname) ? undefined : hostname,
            ALPNProtocols: ['http/1.1'],
          })
        : netConnect({ host: target.address, port });
      socket = candidate;
      let connected = false;
      candidate.once('connect', () => {
        connected = true;
      });
      candidate.on('error', (error: NodeJS.ErrnoException) => {
        if (socket !== candidate) return;
        if (!connected && !settled && index + 1 < addresses.length && UNREACHABLE.has(error.code ?? '')) {
          candidate.destroy();
          return connectTo(addresses, index + 1);
        }
        finish(error);
      });
      candidate.on('data', (bytes: Buffer) => {
        if (settled) return;
        try {
          const complete = reader.feed(bytes);
          if (!complete && outbound.keepBody && reader.bodyBytes >= outbound.maxResponseBytes)
            finish(new ResponseTooLargeError(outbound.maxResponseBytes));
          else if (complete || reader.bodyBytes >= outbound.maxResponseBytes) finish(reader.status!);
        } catch (error) {
          finish(error as Error);
        }
      });
      const closed = () => {
        if (socket !== candidate) return;
        if (reader.status !== undefined) finish(reader.status);
        else finish(new MalformedResponseError('the connection was closed before an answer'));
      };
      candidate.on('end', closed);
      candidate.on('close', closed);
      candidate.write(requestBytes(url, outbound));
    }

    resolveAddresses(url.hostname, outbound.allowPrivate).then((addresses) => {
      if (!settled) connectTo(addresses, 0);
    }, finish);
  });
}

/** Form fields as an urlencoded body. */
export const formBody = (form: Record<string, string>) => ({
  contentType: 'application/x-www-form-urlencoded',
  content: new URLSearchParams(form).toString(),
});

/** Sends form fields: the urlencoded body of a POST, or added to the query of a GET. */
export function sendForm(
  outbound: Omit<OutboundRequest, 'body' | 'method'> & { method: 'GET' | 'POST'; form: Record<string, string> },
): Promise<number> {
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
