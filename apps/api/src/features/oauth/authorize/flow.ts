import { findOrganization } from '@latchkey/db';
import { type Language, type MessageKey, type MessageParams, negotiateLanguage, translate } from '@latchkey/i18n';
import { type Application, type AuthorizeSignInView, type Branding, brandingOf } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../../core/built-in-names.ts';
import type { AppContext } from '../../../core/context.ts';
import { type OAuthError, oauthErrorDescription } from '../../../core/errors/oauth-error.ts';
import { amrOf } from '../../../core/identity/second-factors.ts';
import { passkeySigninEnabled, passkeysUsable } from '../../passkeys/relying-party.ts';
import type { OAuthParameters } from '../parameters.ts';
import {
  type AuthorizationRequest,
  authorizationParameterNames,
  type RedirectTarget,
} from './authorization-request.ts';
import { csrfTokenFor } from './csrf.ts';
import { issueAuthorizationCode } from './issue-code.ts';
import { type AuthorizeView, errorPage, signInPage } from './page.ts';
import { authorizationResponseUrl } from './response.ts';
import type { SessionUser } from './session-user.ts';

/** What the authorization endpoint answers: a 303 to the client, or a page (with the `view` the portal renders it from). */
export type AuthorizeOutcome =
  | { redirect: string; cookies: string[] }
  | { status: number; html: string; cookies: string[]; retryAfterSeconds?: number; view?: AuthorizeView };

/** One request to the authorization endpoint, once its client and redirect URI are known good. */
export interface Flow {
  context: AppContext;
  request: Request;
  language: Language;
  parameters: OAuthParameters;
  target: RedirectTarget;
}

export function languageOf(request: Request, parameters: OAuthParameters | undefined): Language {
  const uiLocales = parameters?.get('ui_locales');
  return negotiateLanguage(uiLocales ? uiLocales.split(' ').join(',') : request.headers.get('accept-language'));
}

export const page = (status: number, html: string, cookies: string[] = [], view?: AuthorizeView): AuthorizeOutcome => ({
  status,
  html,
  cookies,
  view,
});

export const isOutcome = (value: object): value is AuthorizeOutcome => 'redirect' in value || 'html' in value;

/** An error page, as the API's HTML and as the portal's view. */
export function errorOutcome(language: Language, key: MessageKey, params?: MessageParams): AuthorizeOutcome {
  return page(400, errorPage(language, key, params), [], { kind: 'error', message: translate(language, key, params) });
}

/** An error the client learns at its redirect URI (RFC 6749 §4.1.2.1), with `state` and `iss`. */
export function redirectError(flow: Flow, error: OAuthError): AuthorizeOutcome {
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

/**
 * Issues a code and sends the browser back to the client with `code`, `state` and `iss` (RFC 9207);
 * the code carries how the user signed in (the session's factors) and when.
 */
export async function redirectWithCode(
  flow: Flow,
  authorization: AuthorizationRequest,
  signedIn: SessionUser,
  cookies: string[] = [],
): Promise<AuthorizeOutcome> {
  const code = await issueAuthorizationCode(flow.context, {
    request: authorization,
    user: signedIn.user,
    authTime: signedIn.authTime,
    sessionId: signedIn.sessionId,
    amr: amrOf(signedIn.factors),
  });
  return {
    redirect: authorizationResponseUrl(authorization.redirectUri, {
      code,
      state: authorization.state,
      iss: flow.context.config.origin,
    }),
    cookies,
  };
}

/** The authorization request's parameters, carried through the forms in hidden fields. */
export function carriedParameters(flow: Flow): Record<string, string> {
  const carried: Record<string, string> = {};
  for (const name of authorizationParameterNames) {
    const value = flow.parameters.get(name);
    if (value !== undefined) carried[name] = value;
  }
  return carried;
}

/**
 * The look of the application's sign-in pages: its organization's logo, colour, favicon and
 * website, the application's terms of use, each checked again here (a value stored before the
 * checks on write existed is left out, never rendered).
 */
export async function brandingFor(context: AppContext, application: Application): Promise<Branding | undefined> {
  const organization = await findOrganization(context.db, application.organization);
  return organization ? brandingOf(organization, application) : undefined;
}

export async function renderSignIn(
  flow: Flow,
  authorization: AuthorizationRequest,
  options: {
    status?: number;
    sessionUser?: SessionUser;
    error?: { key: MessageKey; params?: MessageParams };
    username?: string;
    organization?: string;
    cookies?: string[];
    captcha?: { id: string; image: string };
  },
): Promise<AuthorizeOutcome> {
  const csrf = csrfTokenFor(flow.context, flow.request);
  const askOrganization = authorization.application.name === BUILT_IN_APPLICATION;
  const view: AuthorizeSignInView = {
    kind: 'sign-in',
    application: {
      name: authorization.application.name,
      displayName: authorization.application.displayName,
      logo: authorization.application.logo,
    },
    parameters: carriedParameters(flow),
    csrfToken: csrf.token,
    sessionUserName: options.sessionUser
      ? options.sessionUser.user.displayName || options.sessionUser.user.name
      : undefined,
    askOrganization,
    organization: options.organization ?? (askOrganization ? authorization.application.organization : undefined),
    username: options.username ?? authorization.loginHint,
    errorText: options.error ? translate(flow.language, options.error.key, options.error.params) : undefined,
    passkey: passkeySigninEnabled(authorization.application) && passkeysUsable(flow.context),
    branding: await brandingFor(flow.context, authorization.application),
    captcha: options.captcha,
  };
  const html = signInPage(flow.language, view);
  return page(
    options.status ?? 200,
    html,
    [...(csrf.setCookie ? [csrf.setCookie] : []), ...(options.cookies ?? [])],
    view,
  );
}
