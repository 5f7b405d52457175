/** Endpoints that answer errors the OAuth way ({error, error_description}) rather than with the envelope. */
const oauthJsonPaths = new Set([
  '/api/login/oauth/access_token',
  '/api/login/oauth/refresh_token',
  '/api/login/oauth/introspect',
  '/api/login/oauth/revoke',
]);

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

export function isOAuthJsonPath(path: string): boolean {
  return oauthJsonPaths.has(path);
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}
