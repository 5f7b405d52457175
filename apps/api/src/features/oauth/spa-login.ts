import { findApplicationByClientId } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../core/built-in-names.ts';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { OAuthError } from '../../core/errors/oauth-error.ts';
import { amrOf } from '../../core/identity/second-factors.ts';
import { finishSignIn, type SecondFactorPending, type SignedIn, signIn } from '../account/sign-in.ts';
import { publicApplication } from '../applications/present.ts';
import type { CaptchaAnswer } from '../captcha/require-captcha.ts';
import { completePendingSignin, type PendingSignin } from '../mfa/pending-signin.ts';
import type { PendingParties } from '../mfa/second-step.ts';
import {
  AuthorizationPageError,
  type AuthorizationRequest,
  checkAuthorizationParameters,
  checkClientAndRedirectUri,
} from './authorize/authorization-request.ts';
import { issueAuthorizationCode } from './authorize/issue-code.ts';

/** Casdoor's sign-in page sends the authorization request in camelCase; PKCE keeps its own names. */
const spaParameterNames: Record<string, string> = {
  clientId: 'client_id',
  responseType: 'response_type',
  redirectUri: 'redirect_uri',
  scope: 'scope',
  state: 'state',
  nonce: 'nonce',
  code_challenge: 'code_challenge',
  code_challenge_method: 'code_challenge_method',
};

function authorizationParameters(query: Record<string, string | undefined>): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const [spaName, name] of Object.entries(spaParameterNames)) {
    const value = query[spaName];
    // Casdoor's page sends the text "null" for PKCE parameters it does not have.
    if (value !== undefined && value !== '' && value !== 'null') parameters.set(name, value);
  }
  return parameters;
}

/** Checks an authorization request from the SPA path; problems are envelope errors, never redirects. */
async function checkSpaRequest(
  context: AppContext,
  query: Record<string, string | undefined>,
): Promise<{ authorization?: AuthorizationRequest; application?: Application; error?: ApiError }> {
  return checkSpaParameters(context, authorizationParameters(query));
}

export async function checkSpaParameters(
  context: AppContext,
  parameters: Map<string, string>,
): Promise<{ authorization?: AuthorizationRequest; application?: Application; error?: ApiError }> {
  try {
    const target = await checkClientAndRedirectUri(context, parameters);
    const authorization = checkAuthorizationParameters(target, parameters);
    return { authorization, application: authorization.application };
  } catch (error) {
    // The application is looked up only to show it with the error.
    const clientId = parameters.get('client_id');
    const application = clientId ? await findApplicationByClientId(context.db, clientId) : undefined;
    if (error instanceof AuthorizationPageError) return { application, error: new ApiError(error.key, error.params) };
    if (error instanceof OAuthError) return { application, error: new ApiError(error.description, error.params) };
    throw error;
  }
}

/**
 * GET /api/get-app-login?clientId&responseType&redirectUri&scope&state&type=code: checks an
 * authorization request for a sign-in page and answers the application without its secrets. When
 * the request is not acceptable the error carries the application in `data`, as in Casdoor.
 */
export async function appLogin(context: AppContext, query: Record<string, string | undefined>): Promise<Application> {
  const type = query.type || 'code';
  if (type !== 'code') throw new ApiError('auth.unsupported_login_type', { type });
  const { application, error } = await checkSpaRequest(context, query);
  if (error) throw new ApiError(error.code, error.params, application ? publicApplication(application) : null);
  return publicApplication(application!);
}

export interface CodeLoginInput {
  query: Record<string, string | undefined>;
  body: { application?: string; organization?: string; username?: string; password?: string; autoSignin?: boolean };
  /** The captcha answer the sign-in form sent (applied by the application's captcha rule). */
  captcha?: CaptchaAnswer;
}

/**
 * A password sign-in of a user who must change their password first (Casdoor's `needUpdatePassword`):
 * a session so that they can, and no credential for any application until they have.
 */
export interface PasswordChangeDue {
  kind: 'password-change';
  user: User;
  /** Set-Cookie of the session the password change is made in. */
  sessionCookie: string;
}

/** Casdoor's answer to a sign-in whose user must change their password before anything else. */
export const REQUIRED_UPDATE_PASSWORD = 'RequiredUpdatePassword';

/** The sign-in of a user who must change their password: a session of their own (even where the application keeps none), never a code. */
export async function passwordChangeFirst(
  context: AppContext,
  request: Request,
  signedIn: SignedIn,
  autoSignin: boolean,
): Promise<PasswordChangeDue> {
  const withSession = signedIn.cookie
    ? signedIn
    : await finishSignIn(context, request, {
        user: signedIn.user,
        application: signedIn.application,
        factors: signedIn.factors,
        autoSignin,
      });
  return { kind: 'password-change', user: signedIn.user, sessionCookie: withSession.cookie! };
}

export interface CodeLoginResult {
  kind: 'code';
  code: string;
  /** Who signed in. */
  user: User;
  /** Set-Cookie of the sign-in session, when the application keeps one (enableSigninSession). */
  sessionCookie?: string;
}

/**
 * The `type:"code"` branch of POST /api/login (Casdoor's sign-in page): checks the authorization
 * request in the query exactly as the authorization endpoint does, signs in a user of the client's
 * application (account/sign-in.ts: password with lockout, a session when the application keeps
 * one), and answers an authorization code, or the second factor still due (the request is kept
 * with the pending sign-in, and checked again when it completes).
 */
export async function signInForCode(
  context: AppContext,
  request: Request,
  input: CodeLoginInput,
): Promise<CodeLoginResult | SecondFactorPending | PasswordChangeDue> {
  const parameters = authorizationParameters(input.query);
  const { authorization, error } = await checkSpaParameters(context, parameters);
  if (error) throw error;
  const application = authorization!.application;
  if (input.body.application && input.body.application !== application.name)
    throw new ApiError('oauth.application_mismatch');
  const outcome = await signIn(
    context,
    request,
    {
      application,
      organization: input.body.organization,
      username: input.body.username,
      password: input.body.password,
      autoSignin: input.body.autoSignin,
      captcha: input.captcha,
    },
    {
      startsSession: application.enableSigninSession,
      purpose: 'code',
      details: { authorization: Object.fromEntries(parameters) },
    },
  );
  if (outcome.kind === 'second-factor') return outcome;
  if (outcome.user.needUpdatePassword)
    return passwordChangeFirst(context, request, outcome, input.body.autoSignin ?? false);
  return codeFor(context, authorization!, outcome);
}

async function codeFor(
  context: AppContext,
  authorization: AuthorizationRequest,
  signedIn: SignedIn,
): Promise<CodeLoginResult> {
  const { user, session, cookie, factors } = signedIn;
  const code = await issueAuthorizationCode(context, {
    request: authorization,
    user,
    authTime: nowSeconds(context),
    sessionId: session?.sessionId,
    amr: amrOf(factors),
  });
  return { kind: 'code', code, user, sessionCookie: cookie };
}

/**
 * The second call of a `type:"code"` sign-in that needed a second factor, once it passed: the
 * authorization request kept with the pending sign-in is checked again, the pending sign-in ends
 * (once), and the code is issued with the factors the sign-in passed.
 */
export async function finishCodeSignIn(
  context: AppContext,
  request: Request,
  pending: PendingSignin,
  parties: PendingParties,
  factors: string[],
): Promise<CodeLoginResult | PasswordChangeDue> {
  const { authorization, error } = await checkSpaParameters(
    context,
    new Map(Object.entries(pending.request.authorization ?? {})),
  );
  if (error) throw error;
  if (authorization!.application.name !== parties.application.name) throw new ApiError('mfa.signin_expired');
  await completePendingSignin(context, pending);
  const signedIn = await finishSignIn(context, request, {
    user: parties.user,
    application: parties.application,
    factors,
    autoSignin: pending.request.autoSignin ?? false,
    startsSession: parties.application.enableSigninSession,
  });
  if (signedIn.user.needUpdatePassword)
    return passwordChangeFirst(context, request, signedIn, pending.request.autoSignin ?? false);
  return codeFor(context, authorization!, signedIn);
}

/**
 * A sign-in with a passkey for Casdoor's sign-in page (`responseType=code` and the authorization
 * request in the query): the request is checked as the authorization endpoint does, the user must
 * be one the client's application serves, and the code is issued with the factors passed.
 */
export async function passkeyCodeSignIn(
  context: AppContext,
  request: Request,
  query: Record<string, string | undefined>,
  user: User,
  factors: string[],
): Promise<CodeLoginResult> {
  const { authorization, error } = await checkSpaRequest(context, query);
  if (error) throw error;
  const application = authorization!.application;
  if (application.name !== BUILT_IN_APPLICATION && user.owner !== application.organization)
    throw new ApiError('passkey.unknown_credential');
  const signedIn = await finishSignIn(context, request, {
    user,
    application,
    factors,
    autoSignin: false,
    startsSession: application.enableSigninSession,
  });
  return codeFor(context, authorization!, signedIn);
}
