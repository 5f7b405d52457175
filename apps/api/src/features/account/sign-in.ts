import type { Application, User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { replaceSession, type StartedSession, sessionCookieHeader } from '../../core/identity/browser-sessions.ts';
import { readCookie, SESSION_COOKIE } from '../../core/identity/credentials/session-cookie.ts';
import { PASSWORD_FACTOR, type SecondFactorDue } from '../../core/identity/second-factors.ts';
import { requestInfo } from '../../http/request-info.ts';
import { type CaptchaAnswer, requireCaptcha } from '../captcha/require-captcha.ts';
import {
  beginPendingSignin,
  type PendingPurpose,
  type PendingRequest,
  type PendingSignin,
} from '../mfa/pending-signin.ts';
import { noteAuditSignIn } from '../objects/audit-target.ts';
import { checkPasswordLogin, type LoginRequest, loginApplication } from './login.ts';

export interface SignInCredentials extends Omit<LoginRequest, 'clientIp'> {
  /** Stay signed in: the session lasts the application's cookieExpireInHours rather than at most a day. */
  autoSignin?: boolean;
  /**
   * The captcha answer of a sign-in form that can show one (POST /api/login): the application's
   * captcha rule is applied (requireCaptcha) before the password is checked.
   */
  captcha?: CaptchaAnswer;
}

export interface SignedIn {
  kind: 'signed-in';
  user: User;
  application: Application;
  /** The factors the sign-in passed (password, and a second one). */
  factors: string[];
  /** The sign-in session, unless none was asked for. */
  session?: StartedSession;
  /** Its Set-Cookie value. */
  cookie?: string;
}

/** A password that was right, for a sign-in that waits for a second factor (or for the user to set one up). */
export interface SecondFactorPending {
  kind: 'second-factor';
  user: User;
  application: Application;
  due: SecondFactorDue;
  pending: PendingSignin;
  /** Set-Cookie of the pending sign-in. */
  cookie: string;
}

export interface SignInOptions {
  /** false: no session is started (an application without sign-in sessions). */
  startsSession?: boolean;
  /** What completing a sign-in that needs a second factor gives, and what it needs. */
  purpose: PendingPurpose;
  details?: PendingRequest;
  /** The request asks for a second factor (acr_values). */
  demandSecondFactor?: boolean;
}

/**
 * A password sign-in from a browser request: the application's and organization's rules, the
 * password with lockout, then either the second factor still due (a pending sign-in, bound to a
 * cookie of its own) or the end of the sign-in (finishSignIn). The organization and the application
 * are read once each, and a successful check writes the user row once after the attempt was counted.
 */
export async function signIn(
  context: AppContext,
  request: Request,
  credentials: SignInCredentials,
  options: SignInOptions,
): Promise<SignedIn | SecondFactorPending> {
  const clientIp = requestInfo(request).clientIp;
  if (credentials.captcha) {
    const application =
      typeof credentials.application === 'object'
        ? credentials.application
        : await loginApplication(context, credentials.application);
    await requireCaptcha(context, {
      application,
      username: credentials.username,
      organization: credentials.organization,
      clientIp,
      answer: credentials.captcha,
    });
    credentials = { ...credentials, application };
  }
  const { user, application, secondFactor } = await checkPasswordLogin(context, {
    ...credentials,
    clientIp,
    demandSecondFactor: options.demandSecondFactor,
  });
  if (secondFactor) {
    const details = { ...options.details, autoSignin: credentials.autoSignin ?? false };
    const begun = await beginPendingSignin(context, request, {
      user,
      application,
      purpose: options.purpose,
      due: secondFactor,
      factors: [PASSWORD_FACTOR],
      details,
    });
    return {
      kind: 'second-factor',
      user,
      application,
      due: secondFactor,
      pending: begun.pending,
      cookie: begun.cookie,
    };
  }
  return finishSignIn(context, request, {
    user,
    application,
    factors: [PASSWORD_FACTOR],
    autoSignin: credentials.autoSignin ?? false,
    startsSession: options.startsSession,
  });
}

/**
 * The end of a sign-in that passed every factor due: the audit log's note of who signed in, and
 * (unless `startsSession` is false) a new session in place of the one the request presented, with
 * its cookie and the factors it passed.
 */
export async function finishSignIn(
  context: AppContext,
  request: Request,
  input: { user: User; application: Application; factors: string[]; autoSignin: boolean; startsSession?: boolean },
): Promise<SignedIn> {
  const { user, application, factors } = input;
  noteAuditSignIn(request, user);
  if (input.startsSession === false) return { kind: 'signed-in', user, application, factors };
  const session = await replaceSession(context, readCookie(request.headers.get('cookie'), SESSION_COOKIE), {
    user,
    application,
    autoSignin: input.autoSignin,
    clientIp: requestInfo(request).clientIp,
    userAgent: request.headers.get('user-agent') ?? '',
    factors,
  });
  return { kind: 'signed-in', user, application, factors, session, cookie: sessionCookieHeader(context, session) };
}
