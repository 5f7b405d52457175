import type { Application } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { secretsEqual } from '../../core/crypto/compare.ts';
import { OAuthError } from '../../core/errors/oauth-error.ts';
import type { ClientAuthMethod } from '../../core/tokens/issue.ts';
import { rememberedApplicationByClientId } from '../../core/tokens/remembered-application.ts';
import { admitClient } from '../../http/rate-limit/failed-credentials.ts';
import type { OAuthParameters } from './parameters.ts';

export interface AuthenticatedClient {
  application: Application;
  /** `none`: a public client that named itself and proved nothing; its grant must make up for it (PKCE). */
  method: ClientAuthMethod;
}

const failed = () => new OAuthError('invalid_client', 'oauth.client_authentication_failed');

const needsDecoding = /[%+]/;

interface PresentedCredentials {
  clientId: string;
  clientSecret?: string;
  method: ClientAuthMethod;
}

function formDecode(value: string): string {
  // Nothing to decode without `%` or `+` (the usual client id and secret): the value is its own decoding.
  if (!needsDecoding.test(value)) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw failed();
  }
}

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))` (RFC 6749 §2.3.1), if present. */
function basicCredentials(header: string | null): { clientId: string; clientSecret: string } | undefined {
  if (!header) return undefined;
  const match = /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!match) {
    if (/^\s*basic\b/i.test(header)) throw failed();
    // Another scheme (a bearer token of the caller, a proxy's credentials) is not client authentication.
    return undefined;
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw failed();
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  // No client id or secret holds NUL, and a database lookup of one would fail on Postgres.
  if (clientId.includes('\u0000') || clientSecret.includes('\u0000')) throw failed();
  return { clientId, clientSecret };
}

/**
 * The credentials a request presents. One method per request (RFC 6749 §2.3), with one allowance:
 * Casdoor's SDKs send the same client id and secret both as HTTP Basic and in the body, which is
 * accepted when both say exactly the same.
 */
function presentedCredentials(request: Request, parameters: OAuthParameters): PresentedCredentials {
  const basic = basicCredentials(request.headers.get('authorization'));
  const bodyId = parameters.get('client_id');
  const bodySecret = parameters.get('client_secret');
  if (basic) {
    if (
      (bodyId !== undefined && bodyId !== basic.clientId) ||
      (bodySecret !== undefined && !secretsEqual(bodySecret, basic.clientSecret))
    ) {
      throw new OAuthError('invalid_request', 'oauth.multiple_client_authentication');
    }
    return { clientId: basic.clientId, clientSecret: basic.clientSecret, method: 'client_secret_basic' };
  }
  if (bodyId === undefined) {
    if (parameters.has('client_assertion') || parameters.has('client_assertion_type'))
      throw new OAuthError('invalid_client', 'oauth.client_assertion_unsupported');
    throw new OAuthError('invalid_client', 'oauth.client_authentication_missing');
  }
  if (bodySecret !== undefined) return { clientId: bodyId, clientSecret: bodySecret, method: 'client_secret_post' };
  return { clientId: bodyId, method: 'none' };
}

// Client secrets are kept sealed; opening one costs an AES-GCM decryption, done once per sealed value.
const openedSecrets = new Map<string, string>();

function openSecret(context: AppContext, sealed: string): string {
  let plain = openedSecrets.get(sealed);
  if (plain === undefined) {
    plain = context.secrets.open(sealed);
    if (openedSecrets.size >= 1024) openedSecrets.clear();
    openedSecrets.set(sealed, plain);
  }
  return plain;
}

/**
 * Authenticates the client of a token, introspection or revocation request: HTTP Basic or
 * client_id + client_secret, compared in constant time. A client that sends only its client_id is
 * a public client (`method: "none"`); whether that is enough is for the endpoint and grant to say.
 * An unknown client or a wrong secret is `invalid_client` (401).
 */
export async function authenticateClient(
  context: AppContext,
  request: Request,
  parameters: OAuthParameters,
): Promise<AuthenticatedClient> {
  const presented = presentedCredentials(request, parameters);
  const application = await rememberedApplicationByClientId(context, presented.clientId);
  await admitClient(context, request, application);
  if (presented.clientSecret === undefined) {
    if (!application) throw failed();
    return { application, method: 'none' };
  }
  const stored = application?.clientSecret ? openSecret(context, application.clientSecret) : '';
  // Compare even for an unknown client, so that timing does not tell which client ids exist.
  const matches = secretsEqual(stored || 'no client has this secret', presented.clientSecret);
  if (!application || !stored || !matches) throw failed();
  return { application, method: presented.method };
}

/** Grants and endpoints that only confidential clients may use. */
export function requireConfidentialClient(client: AuthenticatedClient): void {
  if (client.method === 'none') throw new OAuthError('invalid_client', 'oauth.client_secret_required');
}
