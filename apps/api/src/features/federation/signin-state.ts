import { insertFederatedSignin, takeFederatedSignin } from '@latchkey/db';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { randomToken } from '../../core/crypto/random.ts';
import { readCookie } from '../../core/identity/credentials/session-cookie.ts';
import type { ProviderType } from './provider-types.ts';

/**
 * A sign-in sent to a provider is the server's state, never the client's: a row keyed by the
 * SHA-256 of the `state` sent to the provider, which holds only for the browser whose cookie (HttpOnly,
 * SameSite=Lax) it was begun with, lives ten minutes and is taken once when the person comes back.
 */
export const FEDERATION_COOKIE = 'latchkey_federation';
export const FEDERATION_SECONDS = 600;

export type FederatedMethod = 'signin' | 'signup' | 'link';

/** What completing the sign-in needs besides the provider's answer. */
export interface FederatedRequest {
  /** The authorization request of a relying party the sign-in began in, checked again on completion. */
  authorization?: Record<string, string>;
  /** Where the console goes afterwards (a path of this origin). */
  next?: string;
}

export interface FederatedSignin {
  application: string;
  /** The provider's id (owner/name). */
  provider: string;
  method: FederatedMethod;
  userId: string;
  nonce: string;
  codeVerifier: string;
  request: FederatedRequest;
}

const cookieValueOf = (request: Request) => {
  const value = readCookie(request.headers.get('cookie'), FEDERATION_COOKIE);
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
};

/** Records a sign-in sent to a provider; answers its `state` and the cookie that binds it to this browser (kept when it has one). */
export async function beginFederatedSignin(
  context: AppContext,
  request: Request,
  signin: FederatedSignin,
): Promise<{ state: string; cookie: string }> {
  const browser = cookieValueOf(request) ?? randomToken();
  const state = randomToken();
  await insertFederatedSignin(context.db, {
    id: sha256Hex(state),
    browser: sha256Hex(browser),
    application: signin.application,
    provider: signin.provider,
    method: signin.method,
    userId: signin.userId,
    nonce: signin.nonce,
    codeVerifier: context.secrets.seal(signin.codeVerifier),
    request: JSON.stringify(signin.request),
    expiresAt: nowSeconds(context) + FEDERATION_SECONDS,
  });
  return { state, cookie: federationCookieHeader(context, browser) };
}

function parseRequest(text: string): FederatedRequest {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as FederatedRequest) : {};
  } catch {
    return {};
  }
}

const methods = new Set<string>(['signin', 'signup', 'link']);

/**
 * Takes the sign-in a `state` names, for this browser only, once: a forged, replayed, expired or
 * another browser's state answers undefined.
 */
export async function takeFederatedSigninOf(
  context: AppContext,
  request: Request,
  state: string,
): Promise<FederatedSignin | undefined> {
  const browser = cookieValueOf(request);
  if (!browser || !state || state.length > 256) return undefined;
  const record = await takeFederatedSignin(context.db, sha256Hex(state), sha256Hex(browser), nowSeconds(context));
  if (!record || !methods.has(record.method)) return undefined;
  return {
    application: record.application,
    provider: record.provider,
    method: record.method as FederatedMethod,
    userId: record.userId,
    nonce: record.nonce,
    codeVerifier: context.secrets.open(record.codeVerifier),
    request: parseRequest(record.request),
  };
}

export function federationCookieHeader(context: AppContext, value: string): string {
  const secure = context.config.origin.startsWith('https:') ? '; Secure' : '';
  return `${FEDERATION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${FEDERATION_SECONDS}${secure}`;
}

/**
 * The address providers send people back to: the console's callback page, or for a provider that
 * POSTs its answer (Apple), `/api/callback`, which sends the browser on to that page (form-post.ts).
 */
export const callbackUrl = (context: AppContext, type?: Pick<ProviderType, 'apple'>) =>
  `${context.config.origin}${type?.apple ? FORM_POST_CALLBACK_PATH : CALLBACK_PATH}`;

export const CALLBACK_PATH = '/callback';
export const FORM_POST_CALLBACK_PATH = '/api/callback';
