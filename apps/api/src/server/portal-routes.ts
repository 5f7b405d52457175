/** Paths the API answers itself; every other path belongs to the portal. */
const apiPrefixes = ['/api/', '/.well-known/', '/login/oauth/', '/swagger/', '/files/'];
const apiExact = new Set(['/api', '/.well-known', '/swagger']);

export function isServedByApi(path: string): boolean {
  return apiExact.has(path) || apiPrefixes.some((prefix) => path.startsWith(prefix));
}

/** Header by which the portal's server vouches for the client address it forwards (with a per-process secret). */
export const PORTAL_SECRET_HEADER = 'x-latchkey-portal';
