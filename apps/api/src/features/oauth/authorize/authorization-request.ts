import { findApplicationByClientId } from '@latchkey/db';
import type { MessageKey, MessageParams } from '@latchkey/i18n';
import type { Application } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import { acrValuesDemandMfa } from '../../../core/identity/second-factors.ts';
import { isRegisteredRedirectUri } from '../checks/redirect-uri-registered.ts';
import { checkScopeSyntax } from '../checks/scope-syntax.ts';
import type { OAuthParameters } from '../parameters.ts';

/**
 * A problem with the client or its redirect URI: shown on an error page, never sent to the redirect
 * URI (RFC 6749 §4.1.2.1, RFC 9700 §4.1), since that would make us an open redirector.
 */
export class AuthorizationPageError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params?: MessageParams,
  ) {
    super(key);
    this.name = 'AuthorizationPageError';
  }
}

/** A checked authorization request (response type `code`, the only one offered). */
export interface AuthorizationRequest {
  application: Application;
  redirectUri: string;
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  prompt: readonly string[];
  maxAge?: number;
  loginHint?: string;
  uiLocales?: string;
  /** `acr_values` asks for a second factor (every class it accepts is multi-factor). */
  demandsMfa: boolean;
}

/** The client and where it wants the answer; until both are known good, nothing is redirected. */
export interface RedirectTarget {
  application: Application;
  redirectUri: string;
  state?: string;
}

export async function checkClientAndRedirectUri(
  context: AppContext,
  parameters: OAuthParameters,
): Promise<RedirectTarget> {
  const clientId = parameters.get('client_id');
  if (!clientId) throw new AuthorizationPageError('oauth.parameter_missing', { name: 'client_id' });
  const application = await findApplicationByClientId(context.db, clientId);
  if (!application) throw new AuthorizationPageError('oauth.unknown_client');
  const redirectUri = parameters.get('redirect_uri');
  if (!redirectUri) throw new AuthorizationPageError('oauth.parameter_missing', { name: 'redirect_uri' });
  if (!isRegisteredRedirectUri(application, redirectUri))
    throw new AuthorizationPageError('oauth.redirect_uri_not_registered');
  return { application, redirectUri, state: parameters.get('state') };
}

const promptValues = new Set(['none', 'login', 'consent', 'select_account']);
// S256 challenges are base64url SHA-256 digests: 43 characters.
const s256Challenge = /^[A-Za-z0-9_-]{43}$/;

function checkLength(parameters: OAuthParameters, name: string, max: number): string | undefined {
  const value = parameters.get(name);
  if (value !== undefined && value.length > max)
    throw new OAuthError('invalid_request', 'oauth.parameter_too_long', { name, max });
  return value;
}

function checkResponseType(parameters: OAuthParameters): void {
  const responseType = parameters.get('response_type');
  if (!responseType) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'response_type' });
  // The implicit and hybrid flows are not offered (RFC 9700 §2.1.2, ASVS 10.6.1).
  if (responseType !== 'code')
    throw new OAuthError('unsupported_response_type', 'oauth.response_type_unsupported', {
      responseType: responseType.slice(0, 100),
    });
  const responseMode = parameters.get('response_mode');
  if (responseMode !== undefined && responseMode !== 'query')
    throw new OAuthError('invalid_request', 'oauth.response_mode_unsupported');
}

/** PKCE (RFC 7636 §4.3): S256 only; a challenge without a method would mean `plain`, which is refused. */
function checkCodeChallenge(parameters: OAuthParameters): string | undefined {
  const challenge = parameters.get('code_challenge');
  const method = parameters.get('code_challenge_method');
  if (method !== undefined && method !== 'S256')
    throw new OAuthError('invalid_request', 'oauth.pkce_method_unsupported');
  if (challenge === undefined) {
    if (method !== undefined)
      throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'code_challenge' });
    return undefined;
  }
  if (method === undefined) throw new OAuthError('invalid_request', 'oauth.pkce_method_unsupported');
  if (!s256Challenge.test(challenge)) throw new OAuthError('invalid_request', 'oauth.pkce_challenge_malformed');
  return challenge;
}

function checkPrompt(parameters: OAuthParameters): string[] {
  const prompt = (parameters.get('prompt') ?? '').split(' ').filter(Boolean);
  if (prompt.some((value) => !promptValues.has(value)))
    throw new OAuthError('invalid_request', 'oauth.prompt_unsupported');
  if (prompt.includes('none') && prompt.length > 1) throw new OAuthError('invalid_request', 'oauth.prompt_none_alone');
  return prompt;
}

function checkMaxAge(parameters: OAuthParameters): number | undefined {
  const raw = parameters.get('max_age');
  if (raw === undefined) return undefined;
  if (!/^\d{1,10}$/.test(raw)) throw new OAuthError('invalid_request', 'oauth.max_age_malformed');
  return Number(raw);
}

/**
 * The rest of the authorization request, once client and redirect URI are known good; a problem
 * here is an OAuthError that goes back to the client's redirect URI. Checks in order: request
 * objects (not supported), response type and mode, scope, PKCE, prompt, max_age, lengths.
 */
export function checkAuthorizationParameters(
  target: RedirectTarget,
  parameters: OAuthParameters,
): AuthorizationRequest {
  if (parameters.has('request')) throw new OAuthError('request_not_supported', 'oauth.request_object_unsupported');
  if (parameters.has('request_uri'))
    throw new OAuthError('request_uri_not_supported', 'oauth.request_object_unsupported');
  checkResponseType(parameters);
  const scope = checkScopeSyntax(parameters.get('scope'));
  const codeChallenge = checkCodeChallenge(parameters);
  const prompt = checkPrompt(parameters);
  const maxAge = checkMaxAge(parameters);
  return {
    application: target.application,
    redirectUri: target.redirectUri,
    scope,
    state: checkLength(parameters, 'state', 2048),
    nonce: checkLength(parameters, 'nonce', 512),
    codeChallenge,
    prompt,
    maxAge,
    loginHint: checkLength(parameters, 'login_hint', 256),
    uiLocales: checkLength(parameters, 'ui_locales', 256),
    demandsMfa: acrValuesDemandMfa(checkLength(parameters, 'acr_values', 512)),
  };
}

/** The authorization parameters a request carries on to the sign-in form, by name. */
export const authorizationParameterNames = [
  'client_id',
  'redirect_uri',
  'response_type',
  'response_mode',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'max_age',
  'login_hint',
  'ui_locales',
  'acr_values',
] as const;
