import type { User } from '@latchkey/types';
import { type AppContext, formatTime } from '../../../core/context.ts';
import { sha256Hex } from '../../../core/crypto/compare.ts';
import { randomToken } from '../../../core/crypto/random.ts';
import { emptyTokenRow } from '../../../core/tokens/issue.ts';
import { CODE_LIFETIME_SECONDS } from '../../../core/tokens/lifetimes.ts';
import { newTokenName } from '../../../core/tokens/token-name.ts';
import { writeTokenRow } from '../../../core/tokens/token-writer.ts';
import type { AuthorizationRequest } from './authorization-request.ts';

export interface CodeGrant {
  request: AuthorizationRequest;
  user: User;
  /** Unix seconds of the sign-in. */
  authTime: number;
  sessionId?: string;
  /** How the user signed in (RFC 8176 values), for the ID token's `amr` and `acr`. */
  amr: readonly string[];
}

/**
 * Issues an authorization code: 256 random bits, stored only as its SHA-256, redeemable once within
 * five minutes, bound to the client, the redirect URI, the PKCE challenge, the nonce and the scope,
 * and recording how the user signed in.
 * Its row becomes the token row when the code is redeemed.
 */
export async function issueAuthorizationCode(
  context: AppContext,
  { request, user, authTime, sessionId, amr }: CodeGrant,
): Promise<string> {
  const code = randomToken();
  const now = context.clock.now();
  const name = newTokenName();
  await writeTokenRow(context, {
    ...emptyTokenRow(),
    name,
    createdTime: formatTime(now),
    application: request.application.name,
    organization: user.owner,
    user: user.name,
    userId: user.id,
    scope: request.scope,
    grantType: 'authorization_code',
    codeHash: sha256Hex(code),
    codeChallenge: request.codeChallenge ?? '',
    codeExpireIn: Math.floor(now.getTime() / 1000) + CODE_LIFETIME_SECONDS,
    redirectUri: request.redirectUri,
    nonce: request.nonce ?? '',
    authTime,
    sessionId: sessionId ?? '',
    amr: amr.join(' '),
    familyId: name,
  });
  return code;
}
