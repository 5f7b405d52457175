import type { Application } from '@latchkey/types';

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);
const forbiddenSchemes = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:']);

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/**
 * A loopback redirect of a native app (RFC 8252 §7.3): `http` to 127.0.0.1, [::1] or localhost,
 * identical to the registered URI but for the port, which the app picks at run time.
 */
function isLoopbackVariant(registered: string, requested: string): boolean {
  const registeredUrl = parse(registered);
  const requestedUrl = parse(requested);
  if (!registeredUrl || !requestedUrl) return false;
  if (registeredUrl.protocol !== 'http:' || !loopbackHosts.has(registeredUrl.hostname)) return false;
  // Only URIs already in canonical form compare, so that no normalisation can make two differ.
  if (registeredUrl.href !== registered || requestedUrl.href !== requested) return false;
  requestedUrl.port = registeredUrl.port;
  return requestedUrl.href === registeredUrl.href;
}

/**
 * Whether a redirect URI is one the application registered (RFC 9700 §4.1.3, ASVS 10.4.1): exact
 * string comparison, with the single exception of loopback ports. Casdoor's patterns (any
 * localhost for every application, subdomains, regular expressions) are not honoured, nor are
 * URIs with a fragment or a script-capable scheme, even when registered.
 */
export function isRegisteredRedirectUri(application: Pick<Application, 'redirectUris'>, redirectUri: string): boolean {
  if (!redirectUri || redirectUri.length > 2048 || redirectUri.includes('#')) return false;
  const url = parse(redirectUri);
  if (!url || forbiddenSchemes.has(url.protocol)) return false;
  return application.redirectUris.some(
    (registered) => registered === redirectUri || isLoopbackVariant(registered, redirectUri),
  );
}
