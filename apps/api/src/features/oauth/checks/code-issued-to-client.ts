import type { TokenRecord } from '@latchkey/db';
import type { Application } from '@latchkey/types';
import { OAuthError } from '../../../core/errors/oauth-error.ts';

/** A code is redeemed only by the client it was issued to (RFC 6749 §4.1.3). */
export function checkCodeIssuedToClient(code: TokenRecord, application: Application): void {
  if (code.application !== application.name) throw new OAuthError('invalid_grant', 'oauth.code_other_client');
}
