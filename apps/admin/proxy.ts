import { type NextRequest, NextResponse } from 'next/server';
import { SESSION_COOKIE } from './lib/cookie-names';
import { publicOrigin } from './lib/origin';
import { loginPath } from './lib/paths';
import { contentSecurityPolicy, newNonce, securityHeaders } from './lib/security-headers';

function withSecurityHeaders(response: NextResponse, policy: string): NextResponse {
  response.headers.set('content-security-policy', policy);
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  return response;
}

/**
 * Gives every page its security headers and a fresh script nonce (Next.js reads it from the
 * request's Content-Security-Policy and puts it on its scripts), tells server components which page
 * is being rendered (so that a signed-out visitor can be sent to sign-in and back), and sends
 * visitors without a session cookie straight to sign-in, on the configured public origin.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  // The raw address as the URL parser wrote it: percent-encoded, so that it is always a valid header value.
  const { pathname, search } = new URL(request.url);
  const signedOutArea =
    pathname === '/login' ||
    pathname === '/callback' ||
    pathname.startsWith('/login/') ||
    pathname.startsWith('/signup/') ||
    pathname === '/forget' ||
    pathname.startsWith('/forget/') ||
    pathname.startsWith('/preferences/');
  // A server action checks the session itself and answers a signed-out form without losing what was typed.
  const serverAction = request.method === 'POST' && request.headers.has('next-action');
  if (!signedOutArea && !serverAction && !request.cookies.get(SESSION_COOKIE)?.value) {
    return withSecurityHeaders(
      NextResponse.redirect(new URL(loginPath(`${pathname}${search}`), publicOrigin), 303),
      policy,
    );
  }
  const headers = new Headers(request.headers);
  headers.set('x-portal-path', `${pathname}${search}`);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), policy);
}

export const config = {
  matcher: ['/((?!_next/|favicon.ico|icon.svg|robots.txt).*)'],
};
