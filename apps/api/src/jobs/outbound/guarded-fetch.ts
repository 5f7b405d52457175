import { exchange, type OutboundMethod } from './http-send.ts';

/** The limits of one call: the outbound deadline, the answer's size and whether private addresses may be reached. */
export interface FetchLimits {
  timeoutMs: number;
  maxResponseBytes: number;
  allowPrivate: boolean;
}

/** What a fetch-shaped caller (an OAuth client library) passes. */
export interface FetchInit {
  method?: string;
  headers?: HeadersInit;
  body?: string | URLSearchParams | null;
}

const methods = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A `fetch` for calls whose answer the server reads (an identity provider's token, user info,
 * discovery and key set), through the same guard as every outbound call: the host resolved once
 * and connected to only at addresses that are allowed, one deadline over the whole call, at most
 * `maxResponseBytes` of the answer (longer is an error), no redirects followed. The answer is a
 * plain `Response` over the bytes read.
 */
export function guardedFetch(limits: FetchLimits) {
  return async (input: string | URL, init: FetchInit = {}): Promise<Response> => {
    const method = (init.method ?? 'GET').toUpperCase();
    if (!methods.has(method)) throw new TypeError(`method not allowed: ${method}`);
    const headers: Record<string, string> = {};
    let contentType: string | undefined;
    new Headers(init.headers).forEach((value, name) => {
      if (name === 'content-type') contentType = value;
      else if (name !== 'user-agent') headers[name] = value;
    });
    headers['accept-encoding'] = 'identity';
    const body =
      init.body === undefined || init.body === null
        ? undefined
        : {
            contentType:
              contentType ??
              (init.body instanceof URLSearchParams ? 'application/x-www-form-urlencoded' : 'text/plain'),
            content: String(init.body),
          };
    const answer = await exchange({
      url: String(input),
      method: method as OutboundMethod,
      headers,
      body,
      timeoutMs: limits.timeoutMs,
      maxResponseBytes: limits.maxResponseBytes,
      allowPrivate: limits.allowPrivate,
      keepBody: true,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of answer.headers ?? []) {
      if (name === 'transfer-encoding' || name === 'content-length' || name === 'connection') continue;
      try {
        responseHeaders.append(name, value);
      } catch {
        // A header that a Response cannot hold is not one the caller needs.
      }
    }
    const nullBody = answer.status === 204 || answer.status === 304 || method === 'HEAD';
    return new Response(nullBody ? null : new Uint8Array(answer.body ?? Buffer.alloc(0)), {
      status: answer.status,
      headers: responseHeaders,
    });
  };
}
