import { OAuthError } from '../../core/errors/oauth-error.ts';
import type { OAuthParameters } from './parameters.ts';

/**
 * The access token of a request to a protected resource (RFC 6750 §2): the Authorization header,
 * else `access_token` in a form body or the query (Casdoor also reads `accessToken`). Only one way
 * may be used.
 */
export function bearerToken(request: Request, parameters: OAuthParameters): string | undefined {
  const header = request.headers.get('authorization');
  const fromHeader = header ? /^\s*bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (header && !fromHeader) throw new OAuthError('invalid_request', 'oauth.bearer_header_malformed');
  const fromParameters = parameters.get('access_token') ?? parameters.get('accessToken');
  if (fromHeader && fromParameters) throw new OAuthError('invalid_request', 'oauth.bearer_token_twice');
  return fromHeader ?? fromParameters;
}
