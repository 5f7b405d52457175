import type { TokenRecord } from '@latchkey/db';
import { revokeFamily } from '@latchkey/db';
import type { AppContext } from '../../../core/context.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';

/**
 * A code is redeemed once. A second redemption revokes every token the first one produced
 * (RFC 6749 §4.1.2, RFC 9700 §4.2.4, conformance module oidcc-codereuse).
 */
export async function checkCodeNotReused(context: AppContext, code: TokenRecord): Promise<void> {
  if (!code.codeIsUsed) return;
  await revokeCodeFamily(context, code);
}

/** Revokes what a code produced after it was presented twice, and refuses the request. */
export async function revokeCodeFamily(context: AppContext, code: TokenRecord): Promise<never> {
  const revoked = await revokeFamily(context.db, code.familyId);
  context.log.warn('authorization code presented again; the tokens issued for it are revoked', {
    token: code.name,
    application: code.application,
    revoked,
  });
  throw new OAuthError('invalid_grant', 'oauth.code_already_used');
}
