/** Characters RFC 3986 calls unreserved: percent-encoding one of them does not change what a path names. */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

const PERCENT = 37;
const SLASH = 47;
const DOT = 46;

/**
 * Whether a path may be spelled oddly: an escape, an empty or dot segment, a trailing slash, or
 * upper case under /api. Most paths are not, and are answered in one pass without taking them apart.
 */
function maybeOdd(path: string): boolean {
  let upper = false;
  for (let index = 0; index < path.length; index++) {
    const code = path.charCodeAt(index);
    if (code === PERCENT) return true;
    if (code === SLASH) {
      const next = path.charCodeAt(index + 1);
      if (next === SLASH || next === DOT || index === path.length - 1) return true;
    } else if (code >= 65 && code <= 90) upper = true;
  }
  return upper && /^\/api/i.test(path);
}

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
export function isOddApiSpelling(path: string, canonical: string = canonicalPath(path)): boolean {
  if (canonical === path || !/^\/api(\/|$)/.test(canonical)) return false;
  return path !== `${canonical}/`;
}
