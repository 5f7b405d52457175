import 'server-only';
import { cookies } from 'next/headers';
import { PENDING_SIGNIN_COOKIE, SESSION_COOKIE } from './cookie-names';
import { parseSetCookie } from './set-cookie';

/** Copies the API's session cookie onto the portal's answer (same origin, same name). */
export async function adoptSessionCookie(setCookies: string[]): Promise<boolean> {
  const store = await cookies();
  for (const header of setCookies) {
    const cookie = parseSetCookie(header);
    if (cookie?.name !== SESSION_COOKIE) continue;
    if (!cookie.value || cookie.maxAge === 0) {
      store.delete(SESSION_COOKIE);
      return false;
    }
    store.set(SESSION_COOKIE, cookie.value, {
      httpOnly: true,
      sameSite: cookie.sameSite ?? 'lax',
      secure: cookie.secure,
      path: '/',
      maxAge: cookie.maxAge,
    });
    return true;
  }
  return false;
}

/** Keeps the API's pending sign-in cookie in this browser, for the second step (HttpOnly, five minutes at most); answers its Cookie header. */
export async function adoptPendingCookie(setCookies: string[]): Promise<string | undefined> {
  for (const header of setCookies) {
    const cookie = parseSetCookie(header);
    if (cookie?.name !== PENDING_SIGNIN_COOKIE || !cookie.value) continue;
    (await cookies()).set(PENDING_SIGNIN_COOKIE, cookie.value, {
      httpOnly: true,
      sameSite: 'lax',
      secure: cookie.secure,
      path: '/',
      maxAge: Math.min(cookie.maxAge ?? 300, 300),
    });
    return `${PENDING_SIGNIN_COOKIE}=${cookie.value}`;
  }
  return undefined;
}
