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

/** Whether a request checks a password: the sign-in and password routes, and the username + password query method. */
export function presentsPassword(routePath: string, request: Request): boolean {
  if (passwordPaths.has(routePath)) return true;
  if (!routePath.startsWith('/api/')) return false;
  const queryStart = request.url.indexOf('?');
  if (queryStart < 0) return false;
  const query = new URLSearchParams(request.url.slice(queryStart + 1));
  return query.has('username') && query.has('password') && !query.has('grant_type');
}

/** Routes that check a code someone could guess: an invitation code, a captcha answer. */
const guessablePaths = new Set(['/api/get-invitation-info', '/api/verify-captcha']);

/**
 * Whether a request presents a credential that could be guessed: the sign-in and password routes,
 * the routes that check a verification code, the OAuth endpoints, HTTP Basic on /api, and the query methods (client id + secret, access key +
 * secret, username + password). Bearer tokens and session cookies are too long to guess.
 */
export function presentsGuessableCredential(routePath: string, request: Request): boolean {
  if (presentsPassword(routePath, request) || routePath.startsWith('/api/login/oauth/')) return true;
  if (guessablePaths.has(routePath)) return true;
  if (codePaths.has(routePath)) return true;
  if (!routePath.startsWith('/api/')) return false;
  if (/^\s*basic\s/i.test(request.headers.get('authorization') ?? '')) return true;
  const queryStart = request.url.indexOf('?');
  if (queryStart < 0) return false;
  const query = new URLSearchParams(request.url.slice(queryStart + 1));
  return (query.has('clientId') && query.has('clientSecret')) || (query.has('accessKey') && query.has('accessSecret'));
}

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

/** Once a request was answered: a password attempt that did not fail gives its count back. */
export async function settleAddressFailure(context: AppContext, request: Request): Promise<void> {
  const state = requestStateOf(request);
  const reservation = state.failedCredentials.reservation;
  if (!reservation) return;
  state.failedCredentials.reservation = undefined;
  if (!reservation.failed) await giveBackRateLimit(context, 'failed-address', state.clientIp, reservation.atMs);
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
