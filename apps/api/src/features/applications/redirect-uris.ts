import type { Application } from '@latchkey/types';
import { ApiError } from '../../core/errors/api-error.ts';

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);
/** Schemes that run code or read local data in a browser; never a place to send a code to. */
const scriptSchemes = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:']);
/** A private-use scheme of a native app is a reverse domain name (RFC 8252 §7.1): `com.example.app`. */
const privateUseScheme = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/;

/**
 * Whether a redirect URI may be registered (RFC 8252, RFC 9700 §4.1.3): an absolute `https://`
 * address; `http://` to a loopback address (a native app's listener); or a private-use scheme named
 * after a domain (`com.example.app:/callback`). Never a fragment, never a script-capable scheme,
 * never a pattern: the authorization endpoint compares redirect URIs exactly.
 */
export function isRefusedRedirectUri(uri: string): boolean {
  if (uri.length > 2048 || /\s/.test(uri) || uri.includes('#')) return true;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return true;
  }
  if (scriptSchemes.has(url.protocol)) return true;
  if (url.protocol === 'https:') return url.hostname === '' || url.username !== '' || url.password !== '';
  if (url.protocol === 'http:') return !loopbackHosts.has(url.hostname);
  return !privateUseScheme.test(url.protocol);
}

/**
 * Drops empty entries (Casdoor's Python SDK sends `[""]` for none) and refuses an application whose
 * redirect URIs include one that may not be registered, naming it and the field.
 */
export function checkRedirectUris(application: Pick<Application, 'redirectUris'>): void {
  application.redirectUris = application.redirectUris.filter((uri) => uri !== '');
  const refused = application.redirectUris.find(isRefusedRedirectUri);
  if (refused !== undefined)
    throw new ApiError('object.redirect_uri_invalid', { uri: refused }, { field: 'redirectUris' });
}
