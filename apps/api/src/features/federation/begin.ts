import type { Application } from '@latchkey/types';
import * as oauth from 'oauth4webapi';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { sessionOfRequest } from '../../core/identity/credentials/session-cookie.ts';
import { loginApplication } from '../account/login.ts';
import { applicationOfUser } from '../integrations/caller-provider.ts';
import { authorizationParameterNames } from '../oauth/authorize/authorization-request.ts';
import { checkSpaParameters } from '../oauth/spa-login.ts';
import { offersSignIn, providerId, signInProviderOf } from './application-providers.ts';
import { providerFailure } from './failures.ts';
import { beginFederatedSignin, callbackUrl, type FederatedMethod } from './signin-state.ts';
import { authorizationUrl, openUpstream } from './upstream.ts';

export interface BeginInput {
  application?: string;
  provider?: string;
  method?: string;
  /** Where the console goes afterwards. */
  next?: string;
  /** The authorization request of a relying party, when the sign-in is part of one (snake_case names). */
  query: Record<string, string | undefined>;
}

/** Casdoor's methods: `signup` and `signin` both sign in (or up); `login` is taken as `signin`. */
export function methodOf(raw: string | undefined): FederatedMethod {
  const method = raw || 'signin';
  if (method === 'login' || method === 'signin') return 'signin';
  if (method === 'signup' || method === 'link') return method;
  throw new ApiError('federation.method_unsupported', { method });
}

/** A return path of this origin, or nothing (absolute, protocol-relative and odd paths are dropped). */
export function safeNext(next: string | undefined): string | undefined {
  if (!next || next.length > 2048 || !next.startsWith('/') || next.startsWith('//')) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused here
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return undefined;
  return next;
}

function authorizationOf(query: Record<string, string | undefined>): Map<string, string> | undefined {
  if (!query.client_id) return undefined;
  const parameters = new Map<string, string>();
  for (const name of authorizationParameterNames) {
    const value = query[name];
    if (value !== undefined && value !== '') parameters.set(name, value);
  }
  return parameters;
}

/**
 * Starts a sign-in (or sign-up, or the linking of an account) at a provider the application offers:
 * the checks of the application's item (`canSignIn`/`canSignUp`), of the relying party's
 * authorization request when there is one (as the authorization endpoint checks it), and for
 * `link` of the signed-in user; then a server-side state with PKCE and nonce, bound to this browser,
 * and the provider's authorization URL to redirect to.
 */
export async function beginProviderSignIn(
  context: AppContext,
  request: Request,
  input: BeginInput,
): Promise<{ location: string; cookie: string }> {
  const method = methodOf(input.method);
  const authorization = authorizationOf(input.query);
  let application: Application;
  let userId = '';
  if (method === 'link') {
    if (authorization) throw new ApiError('federation.method_unsupported', { method });
    const session = await sessionOfRequest(context, request);
    if (!session) throw new ApiError('general.please_login_first');
    userId = session.user.id;
    const caller = await applicationOfUser(context, session.user);
    if (!caller) throw new ApiError('federation.provider_not_enabled', { provider: input.provider ?? '' });
    application = caller;
  } else if (authorization) {
    const checked = await checkSpaParameters(context, authorization);
    if (checked.error) throw checked.error;
    application = checked.authorization!.application;
    if (input.application && input.application !== application.name) throw new ApiError('oauth.application_mismatch');
  } else {
    application = await loginApplication(context, input.application);
  }
  if (application.disableSignin) throw new ApiError('auth.password_signin_disabled');
  const { item, provider, type } = await signInProviderOf(context, application, input.provider ?? '');
  if (method !== 'link' && !offersSignIn(item))
    throw new ApiError('federation.provider_not_enabled', { provider: provider.name });
  const upstream = await openUpstream(context, application.organization, provider, type).catch((error: unknown) => {
    throw providerFailure(context, provider, error);
  });
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const nonce = oauth.generateRandomNonce();
  const { state, cookie } = await beginFederatedSignin(context, request, {
    application: application.name,
    provider: providerId(provider),
    method,
    userId,
    nonce,
    codeVerifier,
    request: {
      authorization: authorization ? Object.fromEntries(authorization) : undefined,
      next: safeNext(input.next),
    },
  });
  const location = authorizationUrl(upstream, {
    state,
    nonce,
    codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    redirectUri: callbackUrl(context, type),
  });
  return { location, cookie };
}
