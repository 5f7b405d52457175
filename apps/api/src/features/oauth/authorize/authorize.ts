import type { MessageKey, MessageParams } from '@latchkey/i18n';
import { BUILT_IN_APPLICATION } from '../../../core/built-in-names.ts';
import { type AppContext, nowSeconds } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import { countFailedCredential, reserveAddressFailure } from '../../../http/rate-limit/failed-credentials.ts';
import { requestInfo } from '../../../http/request-info.ts';
import { finishSignIn, signIn } from '../../account/sign-in.ts';
import { DEFAULT_CAPTCHA } from '../../captcha/provider.ts';
import {
  noteAuditAction,
  noteAuditFailure,
  noteAuditOrganization,
  noteAuditSignIn,
} from '../../objects/audit-target.ts';
import { checkPasskeySignIn } from '../../passkeys/signin.ts';
import { type OAuthParameters, readOAuthParameters } from '../parameters.ts';
import {
  AuthorizationPageError,
  type AuthorizationRequest,
  checkAuthorizationParameters,
  checkClientAndRedirectUri,
} from './authorization-request.ts';
import { signInCaptcha } from './captcha.ts';
import { isCsrfTokenValid } from './csrf.ts';
import {
  type AuthorizeOutcome,
  carriedParameters,
  errorOutcome,
  type Flow,
  isOutcome,
  languageOf,
  redirectError,
  redirectWithCode,
  renderSignIn,
} from './flow.ts';
import {
  askSessionStepUp,
  chooseSecondFactor,
  renderSecondFactor,
  stepUpDue,
  submitSecondFactor,
} from './second-factor.ts';
import { isFreshEnough, type SessionUser, sessionUserFor } from './session-user.ts';

export type { AuthorizeOutcome } from './flow.ts';

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

/** The browser's session, when it may answer this request (`max_age`, `prompt=login`). */
async function freshSession(flow: Flow, authorization: AuthorizationRequest): Promise<SessionUser | undefined> {
  const session = await sessionUserFor(flow.context, flow.request, authorization.application);
  return session &&
    isFreshEnough(flow.context, session.authTime, authorization.maxAge) &&
    !authorization.prompt.includes('login')
    ? session
    : undefined;
}

/**
 * An authorization request (RFC 6749 §4.1.1, OIDC Core 3.1.2), by GET or by a form POST. With a
 * usable sign-in session, `prompt=none` and applications with enableAutoSignin answer at once;
 * otherwise the sign-in page is shown (offering to continue as the signed-in user). A session that
 * has not passed a second factor the request needs is not usable as it is: it steps up when the
 * user continues, and `prompt=none` answers `interaction_required`. `prompt=none` without a session
 * answers `login_required`.
 */
async function answerAuthorizationRequest(flow: Flow, authorization: AuthorizationRequest): Promise<AuthorizeOutcome> {
  const fresh = await freshSession(flow, authorization);
  const stepUp = fresh ? await stepUpDue(flow, fresh, authorization) : undefined;
  const usable = fresh && !stepUp ? fresh : undefined;
  if (authorization.prompt.includes('none')) {
    if (usable) return redirectWithCode(flow, authorization, usable);
    return redirectError(
      flow,
      fresh
        ? new OAuthError('interaction_required', 'mfa.interaction_required')
        : new OAuthError('login_required', 'oauth.login_required'),
    );
  }
  if (usable && authorization.application.enableAutoSignin && !authorization.prompt.includes('select_account')) {
    return redirectWithCode(flow, authorization, usable);
  }
  const captcha = await signInCaptcha(
    flow.context,
    authorization.application,
    requestInfo(flow.request).clientIp,
    false,
  );
  return renderSignIn(flow, authorization, { sessionUser: fresh, captcha });
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
 * one of the page's forms, which carry an `action`, the authorization parameters (checked again)
 * and a double-submit token. `action=continue` uses the browser's session (stepping it up when the
 * request needs a second factor it has not passed); `action=signin` checks the password (with
 * lockout) and starts a session, or the second step when a second factor is due; `action=mfa` is
 * that second step. Success is a 303 to the redirect URI. Each is a sign-in, recorded in the audit
 * log as action `login` with the user, organization and address.
 */
export async function authorizePost(context: AppContext, request: Request): Promise<AuthorizeOutcome> {
  const flow = await beginFlow(context, request);
  if (isOutcome(flow)) return flow;
  const authorization = checkRequest(flow);
  if (isOutcome(authorization)) return authorization;
  const { parameters } = flow;
  if (!parameters.has('action')) return answerAuthorizationRequest(flow, authorization);

  const application = authorization.application;
  const organization =
    application.name === BUILT_IN_APPLICATION ? parameters.get('organization') : application.organization;
  // The sign-in form is a sign-in: recorded in the audit log as /api/login is, for the organization signed in to.
  noteAuditAction(request, 'login');
  noteAuditOrganization(request, organization || application.organization);
  const captchaAnswered = Boolean(parameters.get('captchaId'));
  const refuse = async (
    key: MessageKey,
    params?: MessageParams,
    shown: { username?: string; organization?: string } = {},
  ) => {
    noteAuditFailure(request, key, params);
    await countFailedCredential(context, request);
    // Once the captcha was asked for, every next try shows a new one (each is used up by its check).
    const captcha = await signInCaptcha(
      context,
      application,
      requestInfo(request).clientIp,
      captchaAnswered || key.startsWith('captcha.'),
    );
    return renderSignIn(flow, authorization, { status: 400, error: { key, params }, ...shown, captcha });
  };
  const username = parameters.get('username');
  // Each refused use of the form counts against the same per-address budget of failures as
  // POST /api/login (held from now until it has succeeded); once it is used up, the form is refused
  // before anything is checked or recorded.
  const decision = await reserveAddressFailure(context, request);
  if (!decision.allowed) {
    const refused = await renderSignIn(flow, authorization, {
      status: 429,
      error: { key: 'general.too_many_requests' },
      username,
      organization,
    });
    return { ...refused, retryAfterSeconds: decision.retryAfterSeconds };
  }
  if (!isCsrfTokenValid(request, parameters.get('csrf'))) return refuse('oauth.form_expired');

  const action = parameters.get('action');
  if (action === 'mfa') {
    return submitSecondFactor(flow, authorization, {
      mfaType: parameters.get('mfaType'),
      passcode: parameters.get('passcode'),
      recoveryCode: parameters.get('recoveryCode'),
    });
  }

  if (action === 'passkey') return submitPasskey(flow, authorization, parameters.get('passkey') ?? '', refuse);
  if (action === 'mfa-method') {
    return chooseSecondFactor(flow, authorization, {
      mfaType: parameters.get('mfaType') ?? '',
      send: parameters.get('send') === '1',
    });
  }

  if (action === 'continue') {
    const session = await freshSession(flow, authorization);
    if (!session) return refuse('oauth.session_ended');
    const stepUp = await stepUpDue(flow, session, authorization);
    if (stepUp) return askSessionStepUp(flow, authorization, session, stepUp);
    noteAuditSignIn(request, session.user);
    return redirectWithCode(flow, authorization, session);
  }

  try {
    const outcome = await signIn(
      context,
      request,
      {
        application,
        organization,
        username,
        password: parameters.get('password'),
        // The application's captcha rule applies here as at POST /api/login.
        captcha: {
          captchaType: captchaAnswered ? DEFAULT_CAPTCHA : undefined,
          captchaToken: parameters.get('captchaToken'),
          clientSecret: parameters.get('captchaId'),
        },
      },
      {
        purpose: 'authorize',
        details: { authorization: carriedParameters(flow) },
        demandSecondFactor: authorization.demandsMfa,
      },
    );
    if (outcome.kind === 'second-factor')
      return renderSecondFactor(flow, authorization, outcome.pending, outcome.user, { cookies: [outcome.cookie] });
    const { user, session, cookie, factors } = outcome;
    return redirectWithCode(
      flow,
      authorization,
      { user, sessionId: session!.sessionId, authTime: nowSeconds(context), factors },
      [cookie!],
    );
  } catch (error) {
    if (error instanceof ApiError) return refuse(error.code, error.params, { username, organization });
    throw error;
  }
}

/**
 * The page's passkey (action `passkey`, from its button or the browser's autofill): the browser's
 * answer to a challenge of webauthn/signin/begin, as JSON in `passkey`, checked as
 * webauthn/signin/finish checks it for this application; then a session and a 303 with the code.
 */
async function submitPasskey(
  flow: Flow,
  authorization: AuthorizationRequest,
  answer: string,
  refuse: (key: MessageKey, params?: MessageParams) => Promise<AuthorizeOutcome>,
): Promise<AuthorizeOutcome> {
  const { context, request } = flow;
  let response: unknown;
  try {
    response = JSON.parse(answer);
  } catch {
    return refuse('passkey.response_invalid');
  }
  try {
    const application = authorization.application;
    const { user, factors } = await checkPasskeySignIn(context, request, application, response);
    const signedIn = await finishSignIn(context, request, { user, application, factors, autoSignin: false });
    return redirectWithCode(
      flow,
      authorization,
      { user, sessionId: signedIn.session!.sessionId, authTime: nowSeconds(context), factors },
      [signedIn.cookie!],
    );
  } catch (error) {
    if (error instanceof ApiError) return refuse(error.code, error.params);
    throw error;
  }
}
