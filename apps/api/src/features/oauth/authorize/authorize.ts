import { negotiateLanguage, translate, type Language, type MessageKey, type MessageParams } from '@latchkey/i18n';
import { BUILT_IN_APPLICATION } from '../../../core/built-in-names.ts';
import { nowSeconds, type AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { OAuthError, oauthErrorDescription } from '../../../core/errors/oauth-error.ts';
import { countFailedCredential, reserveAddressFailure } from '../../../http/rate-limit/failed-credentials.ts';
import { noteAuditAction, noteAuditFailure, noteAuditOrganization, noteAuditSignIn } from '../../objects/audit-target.ts';
import { signIn } from '../../account/sign-in.ts';
import { readOAuthParameters, type OAuthParameters } from '../parameters.ts';
import {
  AuthorizationPageError,
  authorizationParameterNames,
  checkAuthorizationParameters,
  checkClientAndRedirectUri,
  type AuthorizationRequest,
  type RedirectTarget,
} from './authorization-request.ts';
import { csrfTokenFor, isCsrfTokenValid } from './csrf.ts';
import { issueAuthorizationCode } from './issue-code.ts';
import type { AuthorizeSignInView } from '@latchkey/types';
import { errorPage, signInPage, type AuthorizeView } from './page.ts';
import { authorizationResponseUrl } from './response.ts';
import { isFreshEnough, sessionUserFor, type SessionUser } from './session-user.ts';

/** What the authorization endpoint answers: a 303 to the client, or a page (with the `view` the portal renders it from). */
export type AuthorizeOutcome =
  | { redirect: string; cookies: string[] }
  | { status: number; html: string; cookies: string[]; retryAfterSeconds?: number; view?: AuthorizeView };

interface Flow {
  context: AppContext;
  request: Request;
  language: Language;
  parameters: OAuthParameters;
  target: RedirectTarget;
}

function languageOf(request: Request, parameters: OAuthParameters | undefined): Language {
  const uiLocales = parameters?.get('ui_locales');
  return negotiateLanguage(uiLocales ? uiLocales.split(' ').join(',') : request.headers.get('accept-language'));
}

const page = (status: number, html: string, cookies: string[] = [], view?: AuthorizeView): AuthorizeOutcome => ({ status, html, cookies, view });

/** An error page, as the API's HTML and as the portal's view. */
function errorOutcome(language: Language, key: MessageKey, params?: MessageParams): AuthorizeOutcome {
  return page(400, errorPage(language, key, params), [], { kind: 'error', message: translate(language, key, params) });
}

/** An error the client learns at its redirect URI (RFC 6749 §4.1.2.1), with `state` and `iss`. */
function redirectError(flow: Flow, error: OAuthError): AuthorizeOutcome {
  const state = flow.target.state && flow.target.state.length <= 2048 ? flow.target.state : undefined;
  return {
    redirect: authorizationResponseUrl(flow.target.redirectUri, {
      error: error.error,
      error_description: oauthErrorDescription(error.description, error.params),
      state,
      iss: flow.context.config.origin,
    }),
    cookies: [],
  };
}

/** Issues a code and sends the browser back to the client with `code`, `state` and `iss` (RFC 9207). */
async function redirectWithCode(flow: Flow, authorization: AuthorizationRequest, signedIn: SessionUser, cookies: string[] = []): Promise<AuthorizeOutcome> {
  const code = await issueAuthorizationCode(flow.context, { request: authorization, user: signedIn.user, authTime: signedIn.authTime, sessionId: signedIn.sessionId });
  return { redirect: authorizationResponseUrl(authorization.redirectUri, { code, state: authorization.state, iss: flow.context.config.origin }), cookies };
}

function renderSignIn(
  flow: Flow,
  authorization: AuthorizationRequest,
  options: { status?: number; sessionUser?: SessionUser; error?: { key: MessageKey; params?: MessageParams }; username?: string; organization?: string },
): AuthorizeOutcome {
  const csrf = csrfTokenFor(flow.context, flow.request);
  const carried: Record<string, string> = {};
  for (const name of authorizationParameterNames) {
    const value = flow.parameters.get(name);
    if (value !== undefined) carried[name] = value;
  }
  const askOrganization = authorization.application.name === BUILT_IN_APPLICATION;
  const view: AuthorizeSignInView = {
    kind: 'sign-in',
    application: { name: authorization.application.name, displayName: authorization.application.displayName, logo: authorization.application.logo },
    parameters: carried,
    csrfToken: csrf.token,
    sessionUserName: options.sessionUser ? options.sessionUser.user.displayName || options.sessionUser.user.name : undefined,
    askOrganization,
    organization: options.organization ?? (askOrganization ? authorization.application.organization : undefined),
    username: options.username ?? authorization.loginHint,
    errorText: options.error ? translate(flow.language, options.error.key, options.error.params) : undefined,
  };
  const html = signInPage(flow.language, view);
  return page(options.status ?? 200, html, csrf.setCookie ? [csrf.setCookie] : [], view);
}

/** Parses the request and checks client and redirect URI; any problem so far is a page, never a redirect. */
async function beginFlow(context: AppContext, request: Request): Promise<Flow | AuthorizeOutcome> {
  let parameters: OAuthParameters | undefined;
  try {
    parameters = await readOAuthParameters(request);
    const target = await checkClientAndRedirectUri(context, parameters);
    return { context, request, language: languageOf(request, parameters), parameters, target };
  } catch (error) {
    const language = languageOf(request, parameters);
    if (error instanceof AuthorizationPageError) return errorOutcome(language, error.key, error.params);
    if (error instanceof OAuthError) return errorOutcome(language, error.description, error.params);
    throw error;
  }
}

function checkRequest(flow: Flow): AuthorizationRequest | AuthorizeOutcome {
  try {
    return checkAuthorizationParameters(flow.target, flow.parameters);
  } catch (error) {
    if (error instanceof OAuthError) return redirectError(flow, error);
    throw error;
  }
}

const isOutcome = (value: object): value is AuthorizeOutcome => 'redirect' in value || 'html' in value;

/**
 * An authorization request (RFC 6749 §4.1.1, OIDC Core 3.1.2), by GET or by a form POST. With a
 * usable sign-in session, `prompt=none` and applications with enableAutoSignin answer at once;
 * otherwise the sign-in page is shown (offering to continue as the signed-in user). `prompt=none`
 * without a session answers `login_required`.
 */
async function answerAuthorizationRequest(flow: Flow, authorization: AuthorizationRequest): Promise<AuthorizeOutcome> {
  const session = await sessionUserFor(flow.context, flow.request, authorization.application);
  const usable = session && isFreshEnough(flow.context, session.authTime, authorization.maxAge) && !authorization.prompt.includes('login') ? session : undefined;
  if (authorization.prompt.includes('none')) {
    return usable ? redirectWithCode(flow, authorization, usable) : redirectError(flow, new OAuthError('login_required', 'oauth.login_required'));
  }
  if (usable && authorization.application.enableAutoSignin && !authorization.prompt.includes('select_account')) {
    return redirectWithCode(flow, authorization, usable);
  }
  return renderSignIn(flow, authorization, { sessionUser: usable });
}

/** GET /login/oauth/authorize. */
export async function authorizeGet(context: AppContext, request: Request): Promise<AuthorizeOutcome> {
  const flow = await beginFlow(context, request);
  if (isOutcome(flow)) return flow;
  const authorization = checkRequest(flow);
  if (isOutcome(authorization)) return authorization;
  return answerAuthorizationRequest(flow, authorization);
}

/**
 * POST /login/oauth/authorize: an authorization request sent as a form (OIDC Core 3.1.2.1), or
 * the sign-in form, which carries an `action`, the authorization parameters (checked again) and a
 * double-submit token. `action=continue` uses the browser's session; `action=signin` checks the
 * password (with lockout) and starts a session. Success is a 303 to the redirect URI. Either is a
 * sign-in, recorded in the audit log as action `login` with the user, organization and address.
 */
export async function authorizePost(context: AppContext, request: Request): Promise<AuthorizeOutcome> {
  const flow = await beginFlow(context, request);
  if (isOutcome(flow)) return flow;
  const authorization = checkRequest(flow);
  if (isOutcome(authorization)) return authorization;
  const { parameters } = flow;
  if (!parameters.has('action')) return answerAuthorizationRequest(flow, authorization);

  const application = authorization.application;
  const organization = application.name === BUILT_IN_APPLICATION ? parameters.get('organization') : application.organization;
  // The sign-in form is a sign-in: recorded in the audit log as /api/login is, for the organization signed in to.
  noteAuditAction(request, 'login');
  noteAuditOrganization(request, organization || application.organization);
  const refuse = async (key: MessageKey, params?: MessageParams, shown: { username?: string; organization?: string } = {}) => {
    noteAuditFailure(request, key, params);
    await countFailedCredential(context, request);
    return renderSignIn(flow, authorization, { status: 400, error: { key, params }, ...shown });
  };
  const username = parameters.get('username');
  // Each refused use of the form counts against the same per-address budget of failures as
  // POST /api/login (held from now until it has succeeded); once it is used up, the form is refused
  // before anything is checked or recorded.
  const decision = await reserveAddressFailure(context, request);
  if (!decision.allowed) {
    const refused = renderSignIn(flow, authorization, { status: 429, error: { key: 'general.too_many_requests' }, username, organization });
    return { ...refused, retryAfterSeconds: decision.retryAfterSeconds };
  }
  if (!isCsrfTokenValid(request, parameters.get('csrf'))) return refuse('oauth.form_expired');

  if (parameters.get('action') === 'continue') {
    const session = await sessionUserFor(context, request, authorization.application);
    if (session && isFreshEnough(context, session.authTime, authorization.maxAge) && !authorization.prompt.includes('login')) {
      noteAuditSignIn(request, session.user);
      return redirectWithCode(flow, authorization, session);
    }
    return refuse('oauth.session_ended');
  }

  try {
    const { user, session, cookie } = await signIn(context, request, { application, organization, username, password: parameters.get('password') });
    return redirectWithCode(flow, authorization, { user, sessionId: session!.sessionId, authTime: nowSeconds(context) }, [cookie!]);
  } catch (error) {
    if (error instanceof ApiError) return refuse(error.code, error.params, { username, organization });
    throw error;
  }
}
