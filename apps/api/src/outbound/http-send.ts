import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkLiteralHost, guardedLookup } from './address-guard.ts';

export interface OutboundRequest {
  url: string;
  method: 'GET' | 'POST';
  /** Form fields: the urlencoded body of a POST, or added to the query of a GET. */
  form: Record<string, string>;
  timeoutMs: number;
  allowPrivate: boolean;
}

export class InvalidCallbackUrlError extends Error {}

/**
 * Sends one form-encoded request to a callback URL and answers the response status. Only http and
 * https; redirects are not followed; the connection is refused when the host resolves to an
 * address that is not allowed (see address-guard).
 */
export function sendForm(outbound: OutboundRequest): Promise<number> {
  let url: URL;
  try {
    url = new URL(outbound.url);
  } catch {
    return Promise.reject(new InvalidCallbackUrlError(`not a URL: ${outbound.url}`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new InvalidCallbackUrlError(`not http(s): ${url.protocol}`));
  try {
    checkLiteralHost(url.hostname, outbound.allowPrivate);
  } catch (error) {
    return Promise.reject(error);
  }
  const encoded = new URLSearchParams(outbound.form).toString();
  if (outbound.method === 'GET') for (const [name, value] of Object.entries(outbound.form)) url.searchParams.append(name, value);
  const body = outbound.method === 'POST' ? Buffer.from(encoded) : undefined;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: outbound.method,
        lookup: guardedLookup(outbound.allowPrivate) as never,
        timeout: outbound.timeoutMs,
        headers: {
          'user-agent': 'Latchkey',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } : {}),
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
