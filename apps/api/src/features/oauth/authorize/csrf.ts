import type { AppContext } from '../../../core/context.ts';
import { secretsEqual } from '../../../core/crypto/compare.ts';
import { randomToken } from '../../../core/crypto/random.ts';
import { readCookie } from '../../../core/identity/credentials/session-cookie.ts';

/** Double-submit token of the sign-in form: a cookie only our own pages can read back into the form. */
export const CSRF_COOKIE = 'latchkey_authorize_csrf';

export interface CsrfToken {
  token: string;
  /** Set-Cookie header when the browser had no token yet. */
  setCookie?: string;
}

export function csrfTokenFor(context: AppContext, request: Request): CsrfToken {
  const existing = readCookie(request.headers.get('cookie'), CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { token: existing };
  const token = randomToken();
  const secure = context.config.origin.startsWith('https:') ? '; Secure' : '';
  return {
    token,
    setCookie: `${CSRF_COOKIE}=${token}; Path=/login/oauth; HttpOnly; SameSite=Strict; Max-Age=3600${secure}`,
  };
}

/** Whether a posted sign-in form carries the token of the browser's cookie (login CSRF defence). */
export function isCsrfTokenValid(request: Request, posted: string | undefined): boolean {
  const cookie = readCookie(request.headers.get('cookie'), CSRF_COOKIE);
  return Boolean(cookie && posted && secretsEqual(cookie, posted));
}
