/** Characters RFC 3986 calls unreserved: percent-encoding one of them does not change what a path names. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Anything that could make two spellings of one path: an escape, an empty or dot segment, a trailing slash. */
const MAYBE_ODD = /%|\/\/|\/\.|\/$/;

/** Whether a path may be spelled oddly: most are not, and are answered without taking them apart. */
const maybeOdd = (path: string) => MAYBE_ODD.test(path) || (/^\/api/i.test(path) && /[A-Z]/.test(path));

function decodeUnreserved(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (percentEscape, hex: string) => {
    const character = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(character) ? character : percentEscape.toUpperCase();
  });
}

/**
 * The one spelling of a path that every per-route decision uses (rate limits, CORS, audit action
 * names, metrics): percent-escapes of unreserved characters decoded (`%6C` is `l`), empty and `.`
 * segments dropped and `..` resolved, no trailing slash, and under /api lower case (every API route
 * is). `/api/LOGIN`, `/api//login`, `/api/%6Cogin`, `/api/./login` and `/api/login/` are all
 * `/api/login`.
 */
export function canonicalPath(path: string): string {
  if (!maybeOdd(path)) return path;
  const segments: string[] = [];
  for (const segment of decodeUnreserved(path).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const joined = `/${segments.join('/')}`;
  return /^\/api(\/|$)/i.test(joined) ? joined.toLowerCase() : joined;
}

/**
 * Whether a path under /api is spelled in a way no route answers to: anything but its canonical
 * spelling, or that spelling with one trailing slash (which the router serves as the same route).
 */
export function isOddApiSpelling(path: string): boolean {
  const canonical = canonicalPath(path);
  if (canonical === path || !/^\/api(\/|$)/.test(canonical)) return false;
  return path !== `${canonical}/`;
}
