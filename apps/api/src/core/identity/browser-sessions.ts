import { deleteSession, deleteSessionsBeyond, insertSession } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { type AppContext, formatTime } from '../context.ts';
import { sha256Hex } from '../crypto/compare.ts';
import { randomToken } from '../crypto/random.ts';
import { boundedSeconds } from '../tokens/lifetimes.ts';
import { SESSION_COOKIE } from './credentials/session-cookie.ts';
import { PASSWORD_FACTOR } from './second-factors.ts';

export interface StartedSession {
  /** The cookie value; only its SHA-256 (the session id) is stored. */
  cookie: string;
  sessionId: string;
  maxAgeSeconds: number;
}

/** Casdoor: cookieExpireInHours (default 720), capped at 24 hours unless the user chose to stay signed in. */
export function sessionLifetimeSeconds(application: Application | undefined, autoSignin: boolean): number {
  const hours = application?.cookieExpireInHours || 720;
  return boundedSeconds(autoSignin ? hours : Math.min(hours, 24));
}

/**
 * Records a new sign-in session in the database, so that any API node can serve it. A user holds
 * at most `config.sessionLimit` sessions: beyond it, the oldest are ended.
 */
export async function startSession(
  context: AppContext,
  options: {
    user: User;
    application?: Application;
    autoSignin?: boolean;
    clientIp?: string;
    userAgent?: string;
    factors?: readonly string[];
  },
): Promise<StartedSession> {
  const cookie = randomToken();
  const sessionId = sha256Hex(cookie);
  const now = context.clock.now();
  const maxAgeSeconds = sessionLifetimeSeconds(options.application, options.autoSignin ?? false);
  await insertSession(context.db, {
    sessionId,
    owner: options.user.owner,
    name: options.user.name,
    application: options.application?.name ?? '',
    createdTime: formatTime(now),
    expireTime: Math.floor(now.getTime() / 1000) + maxAgeSeconds,
    clientIp: options.clientIp ?? '',
    userAgent: (options.userAgent ?? '').slice(0, 512),
    // Which factors the sign-in passed, so that a later request asking for more can step up.
    factors: (options.factors ?? [PASSWORD_FACTOR]).join(' '),
    authTime: Math.floor(now.getTime() / 1000),
  });
  await deleteSessionsBeyond(context.db, options.user.owner, options.user.name, sessionId, context.config.sessionLimit);
  return { cookie, sessionId, maxAgeSeconds };
}

/**
 * A new sign-in session in place of the one the browser presented (its cookie value), which ends:
 * a sign-in never keeps a session it did not start (no session fixation).
 */
export async function replaceSession(
  context: AppContext,
  presentedCookie: string | undefined,
  options: Parameters<typeof startSession>[1],
): Promise<StartedSession> {
  if (presentedCookie) await endSession(context, sha256Hex(presentedCookie));
  return startSession(context, options);
}

export async function endSession(context: AppContext, sessionId: string): Promise<boolean> {
  return deleteSession(context.db, sessionId);
}

/** The Set-Cookie value for a session: HttpOnly, SameSite=Lax, Secure when we are served over https. */
export function sessionCookieHeader(
  context: AppContext,
  session: Pick<StartedSession, 'cookie' | 'maxAgeSeconds'> | undefined,
): string {
  const secure = context.config.origin.startsWith('https:') ? '; Secure' : '';
  if (!session) return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
  return `${SESSION_COOKIE}=${session.cookie}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${session.maxAgeSeconds}${secure}`;
}
