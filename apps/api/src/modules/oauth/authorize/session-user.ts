import { findOrganization, findSession, findUser } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../../bootstrap/built-ins.ts';
import { nowSeconds, type AppContext } from '../../../context.ts';
import { sha256Hex } from '../../../crypto/compare.ts';
import { readCookie, SESSION_COOKIE } from '../../../identity/credentials/session-cookie.ts';

export interface SessionUser {
  user: User;
  sessionId: string;
  /** Unix seconds of the sign-in that started the session. */
  authTime: number;
}

/** Whether a user may sign in to an application: same organization (the built-in application serves all), nothing disabled. */
export async function maySignInTo(context: AppContext, application: Application, user: User): Promise<boolean> {
  if (user.isForbidden || user.isDeleted || application.disableSignin) return false;
  if (application.name !== BUILT_IN_APPLICATION && user.owner !== application.organization) return false;
  const organization = await findOrganization(context.db, user.owner);
  return organization !== undefined && !organization.disableSignin;
}

/**
 * The user of the browser's sign-in session, when there is one and it may be used for this
 * application (single sign-on); undefined otherwise. A stale cookie is simply no session.
 */
export async function sessionUserFor(context: AppContext, request: Request, application: Application): Promise<SessionUser | undefined> {
  const cookie = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (!cookie || cookie.length > 256) return undefined;
  const sessionId = sha256Hex(cookie);
  const session = await findSession(context.db, sessionId);
  if (!session || session.expireTime <= nowSeconds(context)) return undefined;
  const user = await findUser(context.db, session.owner, session.name);
  if (!user || !(await maySignInTo(context, application, user))) return undefined;
  const started = Date.parse(session.createdTime);
  return { user, sessionId, authTime: Number.isFinite(started) ? Math.floor(started / 1000) : nowSeconds(context) };
}

/** Whether a sign-in is recent enough for `max_age` (OIDC Core 3.1.2.1). */
export function isFreshEnough(context: AppContext, authTime: number, maxAge: number | undefined): boolean {
  return maxAge === undefined || nowSeconds(context) - authTime <= maxAge;
}
