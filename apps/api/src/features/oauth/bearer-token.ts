import { OAuthError } from '../../core/errors/oauth-error.ts';
import type { OAuthParameters } from './parameters.ts';

/**
 * The access token of a request to a protected resource (RFC 6750 §2): the Authorization header,
 * else `access_token` in a form body or the query (Casdoor also reads `accessToken`). Only one way
 * may be used.
 */
export function bearerToken(request: Request, parameters: OAuthParameters): string | undefined {
  const header = request.headers.get('authorization');
  const fromHeader = header ? fromAuthorization(header) : undefined;
  if (header && !fromHeader) throw new OAuthError('invalid_request', 'oauth.bearer_header_malformed');
  const fromParameters = parameters.get('access_token') ?? parameters.get('accessToken');
  if (fromHeader && fromParameters) throw new OAuthError('invalid_request', 'oauth.bearer_token_twice');
  return fromHeader ?? fromParameters;
}

const whitespace = /\s/;

/**
 * The token of an Authorization header `Bearer <token>` (the scheme in any case, whitespace around),
 * as `/^\s*bearer\s+(\S+)\s*$/i` finds it, without a backtracking match over the whole token on
 * every request.
 */
export function fromAuthorization(header: string): string | undefined {
  const trimmed = header.trim();
  if (trimmed.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  const token = trimmed.slice(6).trimStart();
  if (token.length === 0 || token.length === trimmed.length - 6 || whitespace.test(token)) return undefined;
  return token;
}
