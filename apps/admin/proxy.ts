import { NextResponse, type NextRequest } from 'next/server';

/**
 * Tells server components which page is being rendered (so that a signed-out visitor can be sent to
 * sign-in and back), and sends visitors without a session cookie straight to sign-in.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedOutArea = pathname === '/login' || pathname.startsWith('/login/');
  if (!signedOutArea && !request.cookies.get('casdoor_session_id')?.value) {
    // A relative Location: the portal sits behind the API's public origin.
    const location = pathname === '/' ? '/login' : `/login?next=${encodeURIComponent(`${pathname}${search}`)}`;
    return new NextResponse(null, { status: 303, headers: { location } });
  }
  const headers = new Headers(request.headers);
  headers.set('x-portal-path', `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!_next/|favicon.ico|icon.svg|robots.txt).*)'],
};
