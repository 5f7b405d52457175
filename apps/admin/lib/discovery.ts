import 'server-only';
import { apiUrl, publicOrigin } from './env';
import { type Discovery, type Endpoints, endpointKeys } from './quickstart/endpoints';

/**
 * An application's discovery document as the server serves it (`/.well-known/<application>/openid-configuration`),
 * read over loopback; its address is the public one clients use. Only the endpoints the server advertises are kept.
 */
export async function applicationDiscovery(application: string): Promise<Discovery> {
  const path = `/.well-known/${encodeURIComponent(application)}/openid-configuration`;
  const url = `${publicOrigin}${path}`;
  try {
    const response = await fetch(`${apiUrl}${path}`, { cache: 'no-store', headers: { accept: 'application/json' } });
    const document = (await response.json()) as Record<string, unknown>;
    if (!response.ok) return { ok: false, url, message: String(document.msg ?? `HTTP ${response.status}`) };
    const endpoints: Endpoints = {};
    for (const key of endpointKeys) {
      const value = document[key];
      if (typeof value === 'string') endpoints[key] = value;
    }
    // Clients find the document under the issuer the document itself names.
    return { ok: true, url: endpoints.issuer ? `${endpoints.issuer}${path}` : url, endpoints };
  } catch (error) {
    return { ok: false, url, message: error instanceof Error ? error.message : String(error) };
  }
}
