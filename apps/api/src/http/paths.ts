import { canonicalPath } from './canonical-path.ts';

/** Endpoints that answer errors the OAuth way ({error, error_description}) rather than with the envelope. */
const oauthJsonPaths = new Set([
  '/api/login/oauth/access_token',
  '/api/login/oauth/refresh_token',
  '/api/login/oauth/introspect',
  '/api/login/oauth/revoke',
]);

/** The path as the client spelled it (for messages and logs); decisions use the request state's routePath (request-state.ts). */
export function pathOf(request: Request): string {
  const url = request.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  return query < 0 ? url.slice(start) : url.slice(start, query);
}

export function pathAndQueryOf(request: Request): string {
  const url = request.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

/** Reads that change state all the same, and are recorded as Casdoor records them (features/records/audit-log.ts). */
const recordedReads = new Set(['/api/logout', '/api/sso-logout']);

export function isRecordedRead(routePath: string): boolean {
  return recordedReads.has(routePath);
}

export function isOAuthJsonPath(path: string): boolean {
  return oauthJsonPaths.has(canonicalPath(path));
}

export function isApiPath(path: string): boolean {
  const canonical = canonicalPath(path);
  return canonical === '/api' || canonical.startsWith('/api/');
}
