import type { Application, User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { requestInfo } from '../../http/request-info.ts';
import { readCookie, SESSION_COOKIE } from '../../core/identity/credentials/session-cookie.ts';
import { noteAuditSignIn } from '../objects/audit-target.ts';
import { replaceSession, sessionCookieHeader, type StartedSession } from '../../core/identity/browser-sessions.ts';
import { checkPasswordLogin, type LoginRequest } from './login.ts';

export interface SignInCredentials extends Omit<LoginRequest, 'clientIp'> {
  /** Stay signed in: the session lasts the application's cookieExpireInHours rather than at most a day. */
  autoSignin?: boolean;
}

export interface SignedIn {
  user: User;
  application: Application;
  /** The sign-in session, unless none was asked for. */
  session?: StartedSession;
  /** Its Set-Cookie value. */
  cookie?: string;
}

/**
 * A password sign-in from a browser request: the application's and organization's rules, the
 * password with lockout, the audit log's note of who signed in, and (unless `startsSession` is
 * false) a new session in place of the one the request presented, with its cookie. The
 * organization and the application are read once each, and a successful check writes the user row
 * once after the attempt was counted.
 */
export async function signIn(context: AppContext, request: Request, credentials: SignInCredentials, options: { startsSession?: boolean } = {}): Promise<SignedIn> {
  const clientIp = requestInfo(request).clientIp;
  const { user, application } = await checkPasswordLogin(context, { ...credentials, clientIp });
  noteAuditSignIn(request, user);
  if (options.startsSession === false) return { user, application };
  const session = await replaceSession(context, readCookie(request.headers.get('cookie'), SESSION_COOKIE), {
    user,
    application,
    autoSignin: credentials.autoSignin ?? false,
    clientIp,
    userAgent: request.headers.get('user-agent') ?? '',
  });
  return { user, application, session, cookie: sessionCookieHeader(context, session) };
}
