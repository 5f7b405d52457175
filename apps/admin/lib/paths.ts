import { publicOrigin } from './origin';

/** Longer return paths are not kept (they would only make the sign-in address and Location header huge). */
const maxReturnPathLength = 2048;

/**
 * Controls (C0, DEL, C1), invisible format characters (bidi overrides), lone surrogates and
 * backslashes. Browsers drop TAB/CR/LF from addresses and read `\` as `/`, so that `/\t/evil.com` or
 * `/\evil.com` becomes `//evil.com`, another site.
 */
const refusedCharacters = /[\p{Cc}\p{Cf}\p{Cs}\\]/u;

/**
 * The one rule for the page to go back to after sign-in (the sign-in form's hidden field, the
 * server actions, the proxy's redirects): `value` resolved against the public origin must stay on
 * it. Anything else (another site, a scheme such as javascript:, controls, backslashes, the sign-in
 * page itself, a value that is not a string or is too long) is `/`. The answer is a path, query and
 * fragment, percent-encoded, that starts with exactly one `/`.
 */
export function safeReturnPath(value: unknown, origin: string = publicOrigin): string {
  if (typeof value !== 'string' || value === '' || value.length > maxReturnPathLength || refusedCharacters.test(value))
    return '/';
  let resolved: URL;
  try {
    resolved = new URL(value, origin);
  } catch {
    return '/';
  }
  if (resolved.origin !== new URL(origin).origin) return '/';
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // `/.//evil.com` resolves to the path `//evil.com`, which a browser reads as another host.
  if (!path.startsWith('/') || path.startsWith('//')) return '/';
  if (resolved.pathname === '/login' || resolved.pathname.startsWith('/login/')) return '/';
  return path;
}

export function loginPath(returnTo: string): string {
  const target = safeReturnPath(returnTo);
  return target === '/' ? '/login' : `/login?next=${encodeURIComponent(target)}`;
}
