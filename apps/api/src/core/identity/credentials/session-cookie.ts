import { deleteSession, findSession, findUser, type SessionRecord } from '@latchkey/db';
import type { User } from '@latchkey/types';
import { type AppContext, nowSeconds } from '../../context.ts';
import { sha256Hex } from '../../crypto/compare.ts';
import { type UserIdentity, userIdentity } from '../identity.ts';

export const SESSION_COOKIE = 'casdoor_session_id';

/** The value of one cookie from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    if (part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return undefined;
}

/** A browser's sign-in session and its user. */
export interface CookieSession {
  /** SHA-256 hex of the cookie value: the session's key. */
  sessionId: string;
  session: SessionRecord;
  user: User;
}

/**
 * The sign-in session a session cookie value names, when it is still good: known, not expired
 * (an expired one is removed as it is found), and its user neither forbidden nor deleted. Anything
 * else simply means signed out.
 */
export async function sessionOfCookie(
  context: AppContext,
  cookie: string | undefined,
): Promise<CookieSession | undefined> {
  if (!cookie || cookie.length > 256) return undefined;
  const sessionId = sha256Hex(cookie);
  const session = await findSession(context.db, sessionId);
  if (!session) return undefined;
  if (session.expireTime <= nowSeconds(context)) {
    await deleteSession(context.db, sessionId);
    return undefined;
  }
  const user = await findUser(context.db, session.owner, session.name);
  if (!user || user.isForbidden || user.isDeleted) return undefined;
  return { sessionId, session, user };
}

/** The sign-in session of a request's `casdoor_session_id` cookie (see sessionOfCookie). */
export function sessionOfRequest(context: AppContext, request: Request): Promise<CookieSession | undefined> {
  return sessionOfCookie(context, readCookie(request.headers.get('cookie'), SESSION_COOKIE));
}

/** The signed-in user of a session cookie; an unknown or expired cookie simply means signed out. */
export async function identityFromSessionCookie(
  context: AppContext,
  cookie: string,
): Promise<UserIdentity | undefined> {
  const found = await sessionOfCookie(context, cookie);
  return found && userIdentity(found.user, 'session', { sessionId: found.sessionId });
}
