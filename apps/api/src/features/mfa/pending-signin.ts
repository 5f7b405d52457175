import { findPendingSignin, insertPendingSignin, type PendingSigninRecord, takePendingSignin } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { randomToken } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { readCookie } from '../../core/identity/credentials/session-cookie.ts';
import type { SecondFactorDue } from '../../core/identity/second-factors.ts';

/**
 * A sign-in between its password and its second factor. The state is the server's (a row keyed by
 * the SHA-256 of a random cookie value), never the client's; the cookie is HttpOnly, so only the
 * browser that passed the password can go on; the row lives five minutes and is removed when the
 * sign-in completes, so it completes once.
 */
export const PENDING_SIGNIN_COOKIE = 'latchkey_mfa';
export const PENDING_SIGNIN_SECONDS = 300;

/** What completing the sign-in gives: a session (`/api/login`), an authorization code (`/api/login` type code), or the authorization endpoint's answer. */
export type PendingPurpose = 'login' | 'code' | 'authorize';

/** What the completion needs besides the user. */
export interface PendingRequest {
  /** Stay signed in (`autoSignin` of the first step). */
  autoSignin?: boolean;
  /** The authorization request's parameters, checked again on completion. */
  authorization?: Record<string, string>;
}

export interface PendingSignin extends Omit<PendingSigninRecord, 'request' | 'purpose' | 'stage'> {
  purpose: PendingPurpose;
  stage: SecondFactorDue['stage'];
  request: PendingRequest;
}

function parseRequest(text: string): PendingRequest {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as PendingRequest) : {};
  } catch {
    return {};
  }
}

const purposes = new Set<string>(['login', 'code', 'authorize']);

function fromRecord(record: PendingSigninRecord): PendingSignin | undefined {
  if (!purposes.has(record.purpose) || (record.stage !== 'verify' && record.stage !== 'enrol')) return undefined;
  return {
    ...record,
    purpose: record.purpose as PendingPurpose,
    stage: record.stage,
    request: parseRequest(record.request),
  };
}

export interface BegunPendingSignin {
  pending: PendingSignin;
  /** Its Set-Cookie value. */
  cookie: string;
}

/**
 * Records a sign-in that passed its first factors and waits for a second (or for the user to set
 * one up), in place of any the browser had pending.
 */
export async function beginPendingSignin(
  context: AppContext,
  request: Request,
  options: {
    user: User;
    application: Application;
    purpose: PendingPurpose;
    due: SecondFactorDue;
    factors: readonly string[];
    details?: PendingRequest;
    /** A session whose factors are raised (a step-up at the authorization endpoint). */
    sessionId?: string;
  },
): Promise<BegunPendingSignin> {
  const presented = readCookie(request.headers.get('cookie'), PENDING_SIGNIN_COOKIE);
  if (presented) await takePendingSignin(context.db, sha256Hex(presented));
  const value = randomToken();
  const now = nowSeconds(context);
  const pending: PendingSignin = {
    id: sha256Hex(value),
    userId: options.user.id,
    owner: options.user.owner,
    name: options.user.name,
    application: options.application.name,
    purpose: options.purpose,
    request: options.details ?? {},
    factors: [...options.factors],
    stage: options.due.stage,
    sessionId: options.sessionId ?? '',
    authTime: now,
    expiresAt: now + PENDING_SIGNIN_SECONDS,
  };
  await insertPendingSignin(context.db, { ...pending, request: JSON.stringify(pending.request) });
  return { pending, cookie: pendingSigninCookieHeader(context, value) };
}

/** The sign-in the request's cookie names, while it waits; undefined when there is none (or it expired). */
export async function pendingSigninOf(context: AppContext, request: Request): Promise<PendingSignin | undefined> {
  const value = readCookie(request.headers.get('cookie'), PENDING_SIGNIN_COOKIE);
  if (!value || value.length > 256) return undefined;
  const record = await findPendingSignin(context.db, sha256Hex(value), nowSeconds(context));
  return record && fromRecord(record);
}

/** The same, or the error that the sign-in has to start again. */
export async function requirePendingSignin(context: AppContext, request: Request): Promise<PendingSignin> {
  const pending = await pendingSigninOf(context, request);
  if (!pending) throw new ApiError('mfa.signin_expired');
  return pending;
}

/** Ends a pending sign-in as it completes; only one request completes it. */
export async function completePendingSignin(context: AppContext, pending: PendingSignin): Promise<void> {
  if (!(await takePendingSignin(context.db, pending.id))) throw new ApiError('mfa.signin_expired');
}

/** The cookie of a pending sign-in (HttpOnly, SameSite=Lax, five minutes), or its removal. */
export function pendingSigninCookieHeader(context: AppContext, value: string | undefined): string {
  const secure = context.config.origin.startsWith('https:') ? '; Secure' : '';
  if (!value) return `${PENDING_SIGNIN_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure}`;
  return `${PENDING_SIGNIN_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${PENDING_SIGNIN_SECONDS}${secure}`;
}
