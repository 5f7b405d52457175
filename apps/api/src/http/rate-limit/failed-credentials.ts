import type { MessageKey } from '@latchkey/i18n';
import type { Application } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { apiErrorOf } from '../../core/errors/api-error.ts';
import { OAuthError } from '../../core/errors/oauth-error.ts';
import { requestStateOf } from '../request-state.ts';
import { RateLimitedError } from './rate-limited-error.ts';
import { addRateLimit, giveBackRateLimit, peekRateLimit, takeRateLimit } from './rate-limits.ts';
import type { RateDecision } from './sliding-window.ts';

/*
 * Limits that stop guessing, not work: what is counted is a credential check that failed (a
 * password, a client secret, an access key's secret, an authorization code, a refresh token, a
 * verification code), per client address and, on the OAuth endpoints, per client. A successful check counts nothing, so a
 * resource server introspecting tokens or an office behind one address is never slowed down by
 * its own traffic; once an address (or a client) has used up its failures, every credential it
 * presents is refused with 429 until the window slides, the right one included, so that guessing
 * on cannot tell it apart. Passwords, and the codes of a second factor, are also limited per account
 * (identity/password-signin.ts).
 */

/** Routes where every request checks a password of the caller's (the body is not read to know it). */
const passwordPaths = new Set(['/api/login', '/api/set-password', '/api/check-user-password']);

/** Routes where every request checks a verification code (sign-in, sign-up and set-password may too). */
const codePaths = new Set(['/api/verify-code', '/api/reset-email-or-phone']);

/** What a request presents that a limit on guessing applies to (see credentialPresented). */
export type PresentedCredential = 'password' | 'guessable' | undefined;

/**
 * What a request presents, decided on its route's one spelling and without reading the body:
 * - `password`: it checks a password of the caller's (the sign-in and password routes, and the
 *   username + password query method);
 * - `guessable`: a credential that could be guessed (the routes that check a verification code, an
 *   invitation code or a captcha answer, the OAuth endpoints, HTTP Basic on /api, and the query
 *   methods: client id + secret, access key + secret). Bearer tokens and session cookies are too
 *   long to guess;
 * - undefined: neither. Requests outside /api present nothing of the kind.
 */
export function credentialPresented(routePath: string, request: Request): PresentedCredential {
  if (!routePath.startsWith('/api/')) return undefined;
  if (passwordPaths.has(routePath)) return 'password';
  const url = request.url;
  const queryStart = url.indexOf('?');
  if (queryStart >= 0) {
    const query = new URLSearchParams(url.slice(queryStart + 1));
    if (query.has('username') && query.has('password') && !query.has('grant_type')) return 'password';
    if ((query.has('clientId') && query.has('clientSecret')) || (query.has('accessKey') && query.has('accessSecret')))
      return 'guessable';
  }
  if (routePath.startsWith('/api/login/oauth/') || guessablePaths.has(routePath) || codePaths.has(routePath))
    return 'guessable';
  const authorization = request.headers.get('authorization');
  return authorization !== null && BASIC.test(authorization) ? 'guessable' : undefined;
}

/** Routes that check a code someone could guess: an invitation code, a captcha answer. */
const guessablePaths = new Set(['/api/get-invitation-info', '/api/verify-captcha']);

const BASIC = /^\s*basic\s/i;

/** Errors that mean a presented credential was wrong (or its account locked by earlier wrong ones). */
const failedCredentialMessages = new Set<MessageKey>([
  'auth.wrong_username_or_password',
  'auth.account_locked',
  'auth.old_password_wrong',
  'auth.access_key_invalid',
  'auth.client_credentials_invalid',
  'mfa.passcode_wrong',
  'mfa.passcode_used',
  'mfa.recovery_code_wrong',
  'invitation.code_not_valid',
  'captcha.wrong',
  'verification.code_invalid',
]);

export function isFailedCredential(error: unknown): boolean {
  if (error instanceof OAuthError)
    return (
      error.error === 'invalid_grant' ||
      (error.error === 'invalid_client' && error.description === 'oauth.client_authentication_failed')
    );
  const apiError = apiErrorOf(error);
  return apiError !== undefined && failedCredentialMessages.has(apiError.code);
}

/** The address's budget of failures: whether it may present one more credential. */
export function addressBudget(context: AppContext, request: Request): RateDecision | Promise<RateDecision> {
  return peekRateLimit(context, 'failed-address', requestStateOf(request).clientIp);
}

/**
 * For a password attempt: counts it ahead as a failure of its address and says whether that was
 * within the budget. Passwords are the guessable credential, and a password check is slow: counted
 * only once it had failed, guesses sent all at once would all pass the budget before the first
 * was counted. Once the attempt is answered without failing, the count is given back (settle).
 */
export async function reserveAddressFailure(context: AppContext, request: Request): Promise<RateDecision> {
  const atMs = context.clock.now().getTime();
  const state = requestStateOf(request);
  const decision = await takeRateLimit(context, 'failed-address', state.clientIp);
  if (decision.allowed) state.failedCredentials.reservation = { atMs, failed: false };
  return decision;
}

/**
 * Once a request was answered: a password attempt that did not fail gives its count back. Nothing
 * to settle (most requests) answers at once, without a promise.
 */
export function settleAddressFailure(context: AppContext, request: Request): Promise<void> | undefined {
  const state = requestStateOf(request);
  const reservation = state.failedCredentials.reservation;
  if (!reservation) return undefined;
  state.failedCredentials.reservation = undefined;
  if (reservation.failed) return undefined;
  return giveBackRateLimit(context, 'failed-address', state.clientIp, reservation.atMs);
}

/**
 * Called by OAuth client authentication once the client named is known, before its secret is
 * compared: refuses (RateLimitedError) while the client has used up its failures, and remembers
 * the client so that a failure of this request (its secret, a code, a refresh token) counts for it.
 */
export async function admitClient(
  context: AppContext,
  request: Request,
  application: Application | undefined,
): Promise<void> {
  if (!application?.clientId) return;
  const decision = await peekRateLimit(context, 'failed-client', application.clientId);
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  requestStateOf(request).failedCredentials.clientId = application.clientId;
}

/** Counts one failed credential check of a request: for its client address, and for its OAuth client if one was named. */
export async function countFailedCredential(context: AppContext, request: Request): Promise<void> {
  const state = requestStateOf(request);
  const reservation = state.failedCredentials.reservation;
  if (reservation) reservation.failed = true;
  else await addRateLimit(context, 'failed-address', state.clientIp);
  const clientId = state.failedCredentials.clientId;
  if (clientId) await addRateLimit(context, 'failed-client', clientId);
}
