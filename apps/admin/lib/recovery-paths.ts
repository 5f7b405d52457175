import { publicOrigin } from './origin';
import { safeReturnPath } from './paths';

const AUTHORIZE_PATH = '/login/oauth/authorize';

/**
 * Where the forgotten-password page goes back to: an OAuth authorization request of this origin
 * (its sign-in page, to sign in with the new password), else the console's sign-in page with the
 * page to open after it (`safeReturnPath`'s rule).
 */
export function recoveryReturnPath(value: unknown, origin: string = publicOrigin): string {
  if (typeof value === 'string' && value.length <= 4096 && !/[\p{Cc}\p{Cf}\p{Cs}\\]/u.test(value)) {
    try {
      const resolved = new URL(value, origin);
      if (resolved.origin === new URL(origin).origin && resolved.pathname === AUTHORIZE_PATH && resolved.search)
        return `${resolved.pathname}${resolved.search}`;
    } catch {
      // not an address: the console's sign-in page
    }
  }
  const next = safeReturnPath(value, origin);
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** The address of the forgotten-password page of an application (the console's when none), returning to `next`. */
export function forgetPath(application: string | undefined, next: string | undefined): string {
  const path = application ? `/forget/${encodeURIComponent(application)}` : '/forget';
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
