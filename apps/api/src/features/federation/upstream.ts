import type { Provider } from '@latchkey/types';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { guardedFetch } from '../../jobs/outbound/guarded-fetch.ts';
import { withSendingSlot } from '../../jobs/outbound/sending-slot.ts';
import { appleClientSecret } from './apple.ts';
import { acceptedMicrosoftIssuer, issuerForToken, isTenantTemplate } from './microsoft.ts';
import { readProfile } from './profiles.ts';
import type { ExternalAccount, Protocol, ProviderType } from './provider-types.ts';
import { type Upstream, UpstreamError } from './upstream-model.ts';

/** Answers of identity providers (discovery documents, key sets, user info) are small; this is ample. */
const MIN_RESPONSE_BYTES = 256 * 1024;
/** Signatures an ID token may carry: asymmetric only, so only the provider's own key can have made it. */
const ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function callOptions(context: AppContext, organization: string): Record<symbol, unknown> {
  const fetchGuarded = async (url: string, init: RequestInit) =>
    withSendingSlot(context, organization, (limits) =>
      guardedFetch({ ...limits, maxResponseBytes: Math.max(limits.maxResponseBytes, MIN_RESPONSE_BYTES) })(url, {
        method: init.method,
        headers: init.headers,
        body: init.body as string | URLSearchParams | null | undefined,
      }),
    );
  return {
    [oauth.customFetch]: fetchGuarded,
    // Plain http only where private addresses are allowed (a development or test set-up).
    [oauth.allowInsecureRequests]: context.config.allowPrivateCallbackUrls,
  };
}

function failure(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError)
    return new UpstreamError('provider_refused', errorMessage(error));
  if (error instanceof oauth.OperationProcessingError)
    return new UpstreamError('provider_answer_invalid', errorMessage(error));
  return new UpstreamError('provider_unreachable', errorMessage(error));
}

/** A URL the server may call, or the provider is misconfigured. */
function endpoint(raw: string, what: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString();
  } catch {}
  throw new UpstreamError('provider_misconfigured', `${what} is not an http(s) URL`);
}

/** Reads the provider's metadata (the issuer's discovery document for OpenID Connect) and its client. */
export async function openUpstream(
  context: AppContext,
  organization: string,
  provider: Provider,
  type: ProviderType,
): Promise<Upstream> {
  const protocol: Protocol = type.protocol(provider);
  const options = callOptions(context, organization);
  if (!provider.clientId) throw new UpstreamError('provider_misconfigured', 'no client id');
  const client: oauth.Client = { client_id: provider.clientId };
  if (protocol.kind === 'oauth2') {
    const authorizationEndpoint = endpoint(protocol.authorizationEndpoint, 'the authorization URL');
    const server: oauth.AuthorizationServer = {
      issuer: new URL(authorizationEndpoint).origin,
      authorization_endpoint: authorizationEndpoint,
      token_endpoint: endpoint(protocol.tokenEndpoint, 'the token URL'),
      userinfo_endpoint: endpoint(protocol.userInfoEndpoint, 'the user-info URL'),
    };
    return {
      provider,
      clientSecret: context.secrets.open(provider.clientSecret),
      type,
      server,
      client,
      oidc: false,
      options,
    };
  }
  const issuer = protocol.issuer(provider);
  if (!issuer) throw new UpstreamError('provider_misconfigured', 'no issuer');
  const issuerUrl = new URL(endpoint(issuer, 'the issuer'));
  try {
    const response = await oauth.discoveryRequest(issuerUrl, { ...options, algorithm: 'oidc' });
    const server = await oauth.processDiscoveryResponse(
      type.microsoftTenants ? await microsoftIssuerOf(issuerUrl, response) : issuerUrl,
      response,
    );
    if (!server.authorization_endpoint || !server.token_endpoint || !server.jwks_uri)
      throw new UpstreamError('provider_answer_invalid', 'the discovery document lacks an endpoint');
    return {
      provider,
      clientSecret: type.apple
        ? await appleClientSecret(context, provider, server.issuer)
        : context.secrets.open(provider.clientSecret),
      type,
      server,
      client,
      oidc: true,
      options,
    };
  } catch (error) {
    throw failure(error);
  }
}

/** The issuer a Microsoft authority's discovery document names, when it is one it may name. */
async function microsoftIssuerOf(authority: URL, response: Response): Promise<URL> {
  const advertised = await response
    .clone()
    .json()
    .then((body: unknown) => (body && typeof body === 'object' ? (body as Record<string, unknown>).issuer : undefined))
    .catch(() => undefined);
  const accepted = acceptedMicrosoftIssuer(authority, advertised);
  if (!accepted) throw new UpstreamError('provider_answer_invalid', 'the discovery document names another issuer');
  return accepted;
}

export interface AuthorizationParts {
  state: string;
  nonce: string;
  codeChallenge: string;
  redirectUri: string;
}

/** The provider's authorization URL for one sign-in: code flow with PKCE (S256), `state`, and `nonce` for OpenID Connect. */
export function authorizationUrl(upstream: Upstream, parts: AuthorizationParts): string {
  const url = new URL(upstream.server.authorization_endpoint!);
  url.searchParams.set('client_id', upstream.client.client_id);
  url.searchParams.set('redirect_uri', parts.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', scopesFor(upstream));
  url.searchParams.set('state', parts.state);
  url.searchParams.set('code_challenge', parts.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (upstream.oidc) url.searchParams.set('nonce', parts.nonce);
  // Apple sends its answer as a form POSTed to the callback whenever scopes are asked for.
  if (upstream.type.apple) url.searchParams.set('response_mode', 'form_post');
  return url.toString();
}

function scopesFor(upstream: Upstream): string {
  const scopes = upstream.provider.scopes.split(/[\s,]+/).filter(Boolean);
  const chosen = scopes.length > 0 ? scopes : upstream.type.defaultScopes.split(' ');
  if (upstream.oidc && !chosen.includes('openid')) chosen.unshift('openid');
  return chosen.join(' ');
}

function clientAuthentication(upstream: Upstream): oauth.ClientAuth {
  const secret = upstream.clientSecret;
  if (!secret) return oauth.None();
  const methods = upstream.server.token_endpoint_auth_methods_supported;
  // Discovery says how; without it (plain OAuth 2 providers such as GitHub) the secret goes in the form.
  if (methods && !methods.includes('client_secret_post') && methods.includes('client_secret_basic'))
    return oauth.ClientSecretBasic(secret);
  if (upstream.oidc && (!methods || methods.includes('client_secret_basic'))) return oauth.ClientSecretBasic(secret);
  return oauth.ClientSecretPost(secret);
}

export interface CallbackInput {
  /** The parameters the provider sent back: code, state, and iss when it sends one. */
  parameters: URLSearchParams;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

/**
 * Completes a sign-in at the provider: checks the answer (`state`, and `iss` per RFC 9207), redeems
 * the code with the PKCE verifier, and for OpenID Connect verifies the ID token — its signature
 * against the provider's key set, `iss`, `aud`, `exp` and `nonce` — then reads the account.
 */
export async function completeAtUpstream(
  context: AppContext,
  upstream: Upstream,
  input: CallbackInput,
): Promise<ExternalAccount> {
  try {
    const callback = oauth.validateAuthResponse(upstream.server, upstream.client, input.parameters, input.state);
    const response = await oauth.authorizationCodeGrantRequest(
      upstream.server,
      upstream.client,
      clientAuthentication(upstream),
      callback,
      input.redirectUri,
      input.codeVerifier,
      upstream.options,
    );
    await refuseErrorAnswer(response);
    const { server, tenant } = await serverForToken(upstream, response);
    const tokens = await oauth.processAuthorizationCodeResponse(server, upstream.client, response, {
      ...(upstream.oidc ? { expectedNonce: input.nonce, requireIdToken: true } : {}),
    });
    const given = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? '' };
    if (!upstream.oidc) return { ...(await readProfile(context, upstream, tokens.access_token)), tokens: given };
    const claims = await verifiedIdTokenClaims(upstream, server, tokens.id_token!);
    if (tenant !== undefined && claims.tid !== tenant)
      throw new UpstreamError('provider_answer_invalid', 'the ID token names another tenant');
    let userInfo: Record<string, unknown> = {};
    if (server.userinfo_endpoint) {
      const answer = await oauth.userInfoRequest(server, upstream.client, tokens.access_token, upstream.options);
      userInfo = {
        ...(await oauth.processUserInfoResponse(server, upstream.client, String(claims.sub), answer)),
      };
    }
    return { ...accountFromClaims(upstream, claims, userInfo), tokens: given };
  } catch (error) {
    throw failure(error);
  }
}

/**
 * The provider's metadata as one token's checks see it: as discovered, or under a multi-tenant
 * issuer template (Microsoft's `common`), with the issuer of the tenant the ID token names.
 */
async function serverForToken(
  upstream: Upstream,
  response: Response,
): Promise<{ server: oauth.AuthorizationServer; tenant?: string }> {
  if (!upstream.oidc || !isTenantTemplate(upstream.server.issuer)) return { server: upstream.server };
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined);
  const idToken = body && typeof body === 'object' ? (body as Record<string, unknown>).id_token : undefined;
  const forToken = issuerForToken(upstream.server.issuer, idToken);
  if (!forToken) throw new UpstreamError('provider_answer_invalid', 'the ID token names no tenant');
  return { server: { ...upstream.server, issuer: forToken.issuer }, tenant: forToken.tenant };
}

/** GitHub answers a refused code with 200 and an `error` field: that is a refusal, not a malformed answer. */
async function refuseErrorAnswer(response: Response): Promise<void> {
  if (response.status !== 200) return;
  let body: unknown;
  try {
    body = await response.clone().json();
  } catch {
    return;
  }
  const error = body && typeof body === 'object' ? (body as Record<string, unknown>).error : undefined;
  if (typeof error === 'string') throw new UpstreamError('provider_refused', `the token endpoint answered ${error}`);
}

/** Verifies the ID token's signature with a key of the provider's published key set, and its issuer and audience. */
async function verifiedIdTokenClaims(
  upstream: Upstream,
  server: oauth.AuthorizationServer,
  idToken: string,
): Promise<Record<string, unknown>> {
  const response = await (upstream.options[oauth.customFetch] as (url: string, init: RequestInit) => Promise<Response>)(
    server.jwks_uri!,
    { method: 'GET', headers: { accept: 'application/json' } },
  );
  if (response.status !== 200)
    throw new UpstreamError('provider_unreachable', `the key set answered ${response.status}`);
  let keys: JSONWebKeySet;
  try {
    keys = (await response.json()) as JSONWebKeySet;
  } catch {
    throw new UpstreamError('provider_answer_invalid', 'the key set is not JSON');
  }
  if (!keys || !Array.isArray(keys.keys)) throw new UpstreamError('provider_answer_invalid', 'not a key set');
  try {
    const { payload } = await jwtVerify(idToken, createLocalJWKSet(keys), {
      issuer: server.issuer,
      audience: upstream.client.client_id,
      algorithms: ID_TOKEN_ALGORITHMS,
      clockTolerance: 30,
    });
    return payload as Record<string, unknown>;
  } catch (error) {
    throw new UpstreamError('provider_answer_invalid', `ID token: ${errorMessage(error)}`);
  }
}

const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/** The account from the ID token's claims, completed by the user-info answer (whose `sub` was checked to be the same). */
function accountFromClaims(
  upstream: Upstream,
  claims: Record<string, unknown>,
  userInfo: Record<string, unknown>,
): ExternalAccount {
  const merged = { ...userInfo, ...claims };
  const id = textOf(claims.sub);
  if (!id) throw new UpstreamError('provider_answer_invalid', 'no subject');
  // The e-mail counts as verified only together with the verification that came in the same answer.
  const source = textOf(claims.email) ? claims : userInfo;
  const email = textOf(source.email).trim().toLowerCase();
  return {
    id,
    username: textOf(merged.preferred_username) || textOf(merged.nickname),
    displayName: textOf(merged.name),
    email,
    // Apple writes the flag as the string "true".
    emailVerified:
      upstream.type.trustsEmailVerification &&
      email !== '' &&
      (source.email_verified === true || source.email_verified === 'true'),
    avatarUrl: textOf(merged.picture),
  };
}
