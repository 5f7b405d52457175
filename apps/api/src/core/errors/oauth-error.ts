import { type MessageKey, type MessageParams, translate } from '@latchkey/i18n';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_token'
  | 'unsupported_token_type'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'login_required'
  | 'interaction_required'
  | 'request_not_supported'
  | 'request_uri_not_supported';

/**
 * An OAuth 2.0 error (RFC 6749 §5.2): answered as {error, error_description} with 400, or 401 and
 * WWW-Authenticate for invalid_client. The description is always English (oauthErrorDescription).
 */
export class OAuthError extends Error {
  readonly status: number;

  constructor(
    readonly error: OAuthErrorCode,
    readonly description: MessageKey,
    readonly params?: MessageParams,
    status?: number,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
    this.status =
      status ??
      (error === 'invalid_client'
        ? 401
        : error === 'server_error'
          ? 500
          : error === 'temporarily_unavailable'
            ? 503
            : 400);
  }
}

/** Characters RFC 6749 (§4.1.2.1, §5.2) and RFC 6750 (§3) allow in error_description: %x20-21 / %x23-5B / %x5D-7E. */
const OUTSIDE_DESCRIPTION_CHARSET = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;

/**
 * The error_description of an OAuth answer (JSON body or redirect query): the English text of the
 * message, whatever language the caller asked for, held to the RFC's character set. A double
 * quote becomes ', anything else outside the set (a backslash, a control or non-ASCII character
 * from a caller's parameter) becomes ?. Localized texts belong to the /api envelope only.
 */
export function oauthErrorDescription(key: MessageKey, params?: MessageParams): string {
  return translate('en', key, params).replace(/"/g, "'").replace(OUTSIDE_DESCRIPTION_CHARSET, '?');
}
