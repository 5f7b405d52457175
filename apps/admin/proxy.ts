import { NextResponse, type NextRequest } from 'next/server';

/**
 * Tells server components which page is being rendered (so that a signed-out visitor can be sent to
 * sign-in and back), and sends visitors without a session cookie straight to sign-in.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedOutArea = pathname === '/login' || pathname.startsWith('/login/') || pathname.startsWith('/preferences/');
  if (!signedOutArea && !request.cookies.get('casdoor_session_id')?.value) {
    // The portal sits behind the API's port: the address the browser used comes from the forwarded headers.
    const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? request.nextUrl.host;
    const scheme = request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(':', '');
    const login = new URL('/login', `${scheme}://${host}`);
    if (pathname !== '/') login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login, 303);
  }
  const headers = new Headers(request.headers);
  headers.set('x-portal-path', `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!_next/|favicon.ico|icon.svg|robots.txt).*)'],
};
