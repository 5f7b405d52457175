import type { Application, User } from '@latchkey/types';
import { type AppContext, nowSeconds } from '../../../core/context.ts';
import { sessionOfRequest } from '../../../core/identity/credentials/session-cookie.ts';
import { PASSWORD_FACTOR } from '../../../core/identity/second-factors.ts';
import { signInRefusal } from '../../../core/identity/sign-in-rules.ts';

export interface SessionUser {
  user: User;
  sessionId: string;
  /** Unix seconds of the sign-in that started the session (or of its last step-up). */
  authTime: number;
  /** The factors the session's sign-in passed. */
  factors: string[];
}

/** Whether a user may sign in to an application now (identity's sign-in rules). */
export async function maySignInTo(context: AppContext, application: Application, user: User): Promise<boolean> {
  return (await signInRefusal(context, application, user)) === undefined;
}

/**
 * The user of the browser's sign-in session, when there is one and it may be used for this
 * application (single sign-on); undefined otherwise. A stale cookie is simply no session.
 */
export async function sessionUserFor(
  context: AppContext,
  request: Request,
  application: Application,
): Promise<SessionUser | undefined> {
  const found = await sessionOfRequest(context, request);
  if (!found || !(await maySignInTo(context, application, found.user))) return undefined;
  const started = Date.parse(found.session.createdTime);
  const authTime =
    found.session.authTime || (Number.isFinite(started) ? Math.floor(started / 1000) : nowSeconds(context));
  // Sessions begun before factors were recorded passed a password.
  const factors = found.session.factors ? found.session.factors.split(' ') : [PASSWORD_FACTOR];
  return { user: found.user, sessionId: found.sessionId, authTime, factors };
}

/** Whether a sign-in is recent enough for `max_age` (OIDC Core 3.1.2.1). */
export function isFreshEnough(context: AppContext, authTime: number, maxAge: number | undefined): boolean {
  return maxAge === undefined || nowSeconds(context) - authTime <= maxAge;
}
