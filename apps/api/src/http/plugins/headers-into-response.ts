/** The answer being prepared, as Elysia hands it to a map-response hook. */
export interface PreparedAnswer {
  headers: Record<string, unknown>;
  status?: number | string;
  redirect?: string;
  cookie?: Record<string, unknown>;
}

/**
 * A route that answers with a Response of its own while the request's steps set headers (X-Request-Id,
 * CORS): Elysia would copy that Response into a new one with the headers merged, its body turned into
 * a stream (about a quarter of a small JSON route's time). Instead the headers go into the route's
 * Response, with Elysia's rule (the route's own headers win, `set-cookie` is added), and nothing is
 * left to merge. Left to Elysia: a status or cookie set beside the Response, headers already made a Headers
 * object, and a Response whose headers cannot change (as the Fetch standard has for some).
 */
export function moveHeadersInto(response: unknown, set: PreparedAnswer): void {
  if (!(response instanceof Response)) return;
  if ((set.status !== undefined && set.status !== 200) || set.redirect !== undefined || set.cookie !== undefined)
    return;
  if (set.headers instanceof Headers) return;
  const headers = response.headers;
  try {
    for (const name in set.headers) {
      const value = set.headers[name];
      if (name === 'set-cookie') {
        for (const cookie of Array.isArray(value) ? value : [value]) headers.append(name, String(cookie));
      } else if (!headers.has(name)) headers.set(name, String(value));
    }
  } catch {
    return; // immutable headers: the first change throws, before any is made
  }
  set.headers = {};
}
