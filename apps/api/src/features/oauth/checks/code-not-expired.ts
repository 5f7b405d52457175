import type { TokenRecord } from '@latchkey/db';
import { type AppContext, nowSeconds } from '../../../core/context.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';

/** A code is redeemable until its codeExpireIn (five minutes after it was issued). */
export function checkCodeNotExpired(context: AppContext, code: TokenRecord): void {
  if (code.codeExpireIn <= nowSeconds(context)) throw new OAuthError('invalid_grant', 'oauth.code_expired');
}
