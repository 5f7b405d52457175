import type { MessageKey } from '@latchkey/i18n';
import type { Application, User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { OAuthError, oauthErrorDescription } from '../../core/errors/oauth-error.ts';
import { checkAccessTokenShared } from '../../core/tokens/access-token.ts';
import { bearerToken } from './bearer-token.ts';
import { jsonResponse } from './json-response.ts';
import type { OAuthParameters } from './parameters.ts';

/** What a bearer token stands for; shared with other requests (the bearer cache's own rows): read, never changed. */
export interface TokenUser {
  user: Readonly<User>;
  application: Readonly<Application>;
  scope: string;
}

/** A refusal of a protected resource, as RFC 6750 §3 has it: a status, a WWW-Authenticate challenge and a JSON body. */
export class BearerError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_token' | undefined,
    readonly description: MessageKey,
  ) {
    super(description);
    this.name = 'BearerError';
  }

  toResponse(): Response {
    let challenge = 'Bearer realm="latchkey"';
    // RFC 6750 §3: the description, in the challenge and the body, is English within the RFC's character set.
    const description = oauthErrorDescription(this.description);
    if (this.error) challenge += `, error="${this.error}", error_description="${description}"`;
    const body = { error: this.error ?? 'invalid_token', error_description: description };
    return jsonResponse(body, this.status, { 'www-authenticate': challenge });
  }
}

const problems = {
  invalid: 'auth.access_token_invalid',
  expired: 'auth.access_token_expired',
  revoked: 'auth.access_token_revoked',
} as const;

/** The end-user and client behind the bearer token of a request, or a BearerError. */
export async function tokenUser(
  context: AppContext,
  request: Request,
  parameters: OAuthParameters,
): Promise<TokenUser> {
  let raw: string | undefined;
  try {
    raw = bearerToken(request, parameters);
  } catch (error) {
    if (error instanceof OAuthError) throw new BearerError(400, 'invalid_request', error.description);
    throw error;
  }
  if (!raw) throw new BearerError(401, undefined, 'oauth.bearer_token_missing');
  const check = await checkAccessTokenShared(context, raw);
  if (!check.ok) throw new BearerError(401, 'invalid_token', problems[check.problem]);
  const { token, application, user } = check;
  if (!token.user) throw new BearerError(401, 'invalid_token', 'oauth.token_without_user');
  if (!user || user.isDeleted || user.isForbidden) throw new BearerError(401, 'invalid_token', 'oauth.user_gone');
  return { user, application, scope: token.scope };
}
