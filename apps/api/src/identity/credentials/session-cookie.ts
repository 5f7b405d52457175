import { deleteSession, findSession, findUser } from '@latchkey/db';
import type { AppContext } from '../../context.ts';
import { sha256Hex } from '../../crypto/compare.ts';
import { userIdentity, type UserIdentity } from '../identity.ts';

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

/** The signed-in user of a session cookie; an unknown or expired cookie simply means signed out. */
export async function identityFromSessionCookie(context: AppContext, cookie: string): Promise<UserIdentity | undefined> {
  if (!cookie || cookie.length > 256) return undefined;
  const sessionId = sha256Hex(cookie);
  const session = await findSession(context.db, sessionId);
  if (!session) return undefined;
  if (session.expireTime <= Math.floor(context.clock.now().getTime() / 1000)) {
    await deleteSession(context.db, sessionId);
    return undefined;
  }
  const user = await findUser(context.db, session.owner, session.name);
  if (!user || user.isForbidden || user.isDeleted) return undefined;
  return userIdentity(user, 'session', { sessionId });
}
