import { PORTAL_SECRET_HEADER } from './portal-routes.ts';

/** Headers of the answers the API gives itself in the portal's place: never framed, never sniffed. */
export const portalFallbackHeaders: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

/** Request headers that describe one hop and must not be passed on. */
const hopByHop = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

export interface ProxyTarget {
  /** http://127.0.0.1:<port> of the portal. */
  url: string;
  /** Waits until the portal answers (at start-up). */
  ready: Promise<void>;
}

export interface ForwardedRequest {
  request: Request;
  /** The client's address as the API sees it. */
  clientIp: string;
  /** The public origin: its scheme is what the browser used. */
  origin: string;
}

/**
 * Passes a browser request to the portal and its answer back: method, headers, cookies and body
 * streamed both ways, redirects returned to the browser as they are (never followed here).
 */
export async function proxyToPortal(
  target: ProxyTarget,
  { request, clientIp, origin }: ForwardedRequest,
): Promise<Response> {
  try {
    await target.ready;
  } catch {
    return portalUnavailable();
  }
  const incoming = new URL(request.url);
  const headers = new Headers(request.headers);
  for (const name of hopByHop) headers.delete(name);
  headers.delete(PORTAL_SECRET_HEADER);
  headers.set('x-forwarded-for', clientIp);
  // The portal's idea of its own address is the configured origin, never the Host the client sent.
  const publicOrigin = new URL(origin);
  headers.set('x-forwarded-host', publicOrigin.host);
  headers.set('x-forwarded-proto', publicOrigin.protocol.replace(':', ''));
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let response: Response;
  try {
    // Bodies pass through as they are (never decompressed here), streamed, and redirects go back to the browser.
    const init: RequestInit & { decompress: boolean; duplex: 'half' } = {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      duplex: 'half',
      decompress: false,
    };
    response = await fetch(`${target.url}${incoming.pathname}${incoming.search}`, init);
  } catch {
    return portalUnavailable();
  }
  const responseHeaders = new Headers(response.headers);
  for (const name of hopByHop) responseHeaders.delete(name);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: responseHeaders,
  });
}

function portalUnavailable(): Response {
  return new Response('The Latchkey console is not available right now. The API at /api/ still answers.\n', {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5', ...portalFallbackHeaders },
  });
}
