import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { completeProviderSignIn } from '../federation/complete.ts';
import {
  completePendingSignin,
  type PendingSignin,
  pendingSigninCookieHeader,
  pendingSigninOf,
} from '../mfa/pending-signin.ts';
import { type MfaProps, NEXT_MFA, REQUIRED_MFA, signInMfaProps } from '../mfa/props.ts';
import { partiesOf, passSecondFactor } from '../mfa/second-step.ts';
import { finishCodeSignIn, REQUIRED_UPDATE_PASSWORD, signInForCode } from '../oauth/spa-login.ts';
import { signInWithCode } from './code-signin.ts';
import { finishSignIn, type SecondFactorPending, type SignedIn, signIn } from './sign-in.ts';

/** The body of POST /api/login that the two steps read (Casdoor's AuthForm). */
export interface LoginFields {
  application?: string;
  organization?: string;
  username?: string;
  password?: string;
  type?: string;
  autoSignin?: boolean;
  passcode?: string;
  mfaType?: string;
  recoveryCode?: string;
  captchaType?: string;
  captchaToken?: string;
  clientSecret?: string;
  /** A one-time code sent for `login` to the email address or phone number in `username` (no password). */
  code?: string;
  provider?: string;
  state?: string;
  iss?: string;
  error?: string;
  method?: string;
}

/** `data2` of a sign-in at a provider: where the browser goes next (Casdoor's `redirectUrl`). */
export interface LoginRedirect {
  redirectUrl: string;
}

/** What POST /api/login answers: `data` (and `data2`) of the envelope, and the cookies to set. */
export interface LoginAnswer {
  data: string | boolean;
  data2: MfaProps[] | LoginRedirect | null;
  cookies: string[];
}

/** Casdoor's answer to a password that was right when a second factor is due: `NextMfa` with the factors to choose from, or `RequiredMfa`. */
function secondFactorAnswer(pending: SecondFactorPending): LoginAnswer {
  if (pending.due.stage === 'enrol') return { data: REQUIRED_MFA, data2: null, cookies: [pending.cookie] };
  return {
    data: NEXT_MFA,
    data2: signInMfaProps(pending.user, pending.pending.factors),
    cookies: [pending.cookie],
  };
}

/**
 * A sign-in that passed every factor: the user's id and the session, or, for a user who must change
 * their password first (`needUpdatePassword`), Casdoor's `RequiredUpdatePassword` with the session
 * in which they change it.
 */
function signedInAnswer(signedIn: SignedIn, extraCookies: string[] = []): LoginAnswer {
  const data = signedIn.user.needUpdatePassword
    ? REQUIRED_UPDATE_PASSWORD
    : `${signedIn.user.owner}/${signedIn.user.name}`;
  return { data, data2: null, cookies: [signedIn.cookie!, ...extraCookies] };
}

/**
 * POST /api/login, in Casdoor's two steps. The first carries the password (and a captcha's answer
 * when the application's captcha rule asks for one, checked before the password): it signs in (a session
 * cookie and the user's id, or for `type: "code"` an authorization code), or answers `NextMfa`
 * (`data2`: the factors the user may use) or `RequiredMfa` (the user must set one up, with the MFA
 * set-up routes, before signing in) with the cookie of a pending sign-in. The second carries no
 * password but `passcode` and `mfaType` (or `recoveryCode`) and that cookie, and completes the
 * sign-in the first began, as it began it.
 */
export async function login(
  context: AppContext,
  request: Request,
  body: LoginFields,
  query: Record<string, string | undefined>,
): Promise<LoginAnswer> {
  const type = body.type || 'login';
  if (type !== 'login' && type !== 'code') throw new ApiError('auth.unsupported_login_type', { type });
  // The callback page may leave the provider out: the state names it.
  if (body.provider || (!body.password && body.state && (body.code || body.error)))
    return providerLogin(context, request, body);
  if (type === 'login' && body.code && !body.password && !body.passcode && !body.recoveryCode) {
    const outcome = await signInWithCode(context, request, body);
    if (outcome.kind === 'second-factor') return secondFactorAnswer(outcome);
    return signedInAnswer(outcome);
  }
  if (!body.password) {
    const pending = await pendingSigninOf(context, request);
    if (pending) return secondStep(context, request, body, pending);
    // A second step whose sign-in has expired (or was completed) is told so, not "wrong password".
    if (body.passcode || body.recoveryCode) throw new ApiError('mfa.signin_expired');
  }
  const captcha = { captchaType: body.captchaType, captchaToken: body.captchaToken, clientSecret: body.clientSecret };
  if (type === 'code') {
    // Casdoor's sign-in page asks for an authorization code (the OAuth module checks the request).
    const result = await signInForCode(context, request, { query, body, captcha });
    if (result.kind === 'second-factor') return secondFactorAnswer(result);
    if (result.kind === 'password-change')
      return { data: REQUIRED_UPDATE_PASSWORD, data2: null, cookies: [result.sessionCookie] };
    return { data: result.code, data2: null, cookies: result.sessionCookie ? [result.sessionCookie] : [] };
  }
  const outcome = await signIn(context, request, { ...body, captcha }, { purpose: 'login' });
  if (outcome.kind === 'second-factor') return secondFactorAnswer(outcome);
  return signedInAnswer(outcome);
}

/**
 * A sign-in at a provider, completed from the callback page: `data` is the user (or, for a
 * relying party's request, the authorization code; for `link`, true), `data2.redirectUrl` where the
 * browser goes next: the relying party's redirect URI with the code, or the page the sign-in began
 * on. A second factor that is due is answered as for a password.
 */
async function providerLogin(context: AppContext, request: Request, body: LoginFields): Promise<LoginAnswer> {
  const outcome = await completeProviderSignIn(context, request, {
    provider: body.provider ?? '',
    code: body.code,
    state: body.state,
    iss: body.iss,
    error: body.error,
    method: body.method,
    application: body.application,
  });
  if (outcome.kind === 'linked') return { data: true, data2: null, cookies: [] };
  if (outcome.kind === 'second-factor') return secondFactorAnswer(outcome);
  const { signedIn } = outcome;
  const cookies = signedIn.cookie ? [signedIn.cookie] : [];
  if (outcome.code) return { data: outcome.code, data2: { redirectUrl: outcome.redirectUrl! }, cookies };
  return {
    data: `${signedIn.user.owner}/${signedIn.user.name}`,
    data2: outcome.next ? { redirectUrl: outcome.next } : null,
    cookies,
  };
}

async function secondStep(
  context: AppContext,
  request: Request,
  body: LoginFields,
  pending: PendingSignin,
): Promise<LoginAnswer> {
  // The authorization endpoint's sign-ins complete there.
  if (pending.purpose === 'authorize') throw new ApiError('mfa.signin_expired');
  const parties = await partiesOf(context, pending);
  const factors = await passSecondFactor(context, request, pending, parties, {
    mfaType: body.mfaType,
    passcode: body.passcode,
    recoveryCode: body.recoveryCode,
  });
  const done = pendingSigninCookieHeader(context, undefined);
  if (pending.purpose === 'code') {
    const result = await finishCodeSignIn(context, request, pending, parties, factors);
    if (result.kind === 'password-change')
      return { data: REQUIRED_UPDATE_PASSWORD, data2: null, cookies: [result.sessionCookie, done] };
    return { data: result.code, data2: null, cookies: [...(result.sessionCookie ? [result.sessionCookie] : []), done] };
  }
  await completePendingSignin(context, pending);
  const signedIn = await finishSignIn(context, request, {
    user: parties.user,
    application: parties.application,
    factors,
    autoSignin: pending.request.autoSignin ?? false,
  });
  return signedInAnswer(signedIn, [done]);
}
