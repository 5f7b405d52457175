import { ApiError } from '../../errors/api-error.ts';

export type AuthorizationHeader =
  | { scheme: 'bearer'; token: string }
  | { scheme: 'basic'; username: string; password: string }
  | undefined;

const BEARER = 'Bearer ';
const WHITESPACE = /\s/;

const malformed = () => new ApiError('auth.malformed_authorization_header');

function formDecode(value: string): string {
  // RFC 6749 §2.3.1: client id and secret are form-encoded before Base64.
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw malformed();
  }
}

/** The token of `Bearer <token>` spelled the usual way (that case, one space, no other whitespace); undefined for any other header. */
export function plainBearerToken(header: string): string | undefined {
  if (!header.startsWith(BEARER)) return undefined;
  const token = header.slice(BEARER.length);
  return token.length > 0 && !WHITESPACE.test(token) ? token : undefined;
}

/** Parses `Authorization: Bearer <token>` or `Basic <base64(id:secret)>`; anything else is a clear error. */
export function parseAuthorizationHeader(header: string | null): AuthorizationHeader {
  if (header === null) return undefined;
  // The usual spelling, taken without the general pattern's backtracking over a long token.
  const token = plainBearerToken(header);
  if (token !== undefined) return { scheme: 'bearer', token };
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match) throw malformed();
  const scheme = match[1]!.toLowerCase();
  const value = match[2]!;
  if (scheme === 'bearer') return { scheme, token: value };
  if (scheme === 'basic') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) throw malformed();
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw malformed();
    const username = formDecode(decoded.slice(0, colon));
    const password = formDecode(decoded.slice(colon + 1));
    // No id or secret holds NUL, and a database lookup of one would fail on Postgres.
    if (username.includes('\u0000') || password.includes('\u0000')) throw malformed();
    return { scheme, username, password };
  }
  throw malformed();
}
