import { findTokenByCodeHash, redeemCode } from '@latchkey/db';
import { sha256Hex } from '../../../core/crypto/compare.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import { metrics } from '../../../core/metrics/metrics.ts';
import { mintTokens } from '../../../core/tokens/issue.ts';
import { checkCodeIssuedToClient } from '../checks/code-issued-to-client.ts';
import { checkCodeNotExpired } from '../checks/code-not-expired.ts';
import { checkCodeNotReused, revokeCodeFamily } from '../checks/code-not-reused.ts';
import { checkPkceVerifier } from '../checks/pkce-verifier.ts';
import { checkRedirectUriMatchesCode } from '../checks/redirect-uri-matches-code.ts';
import { checkUserMaySignIn } from '../checks/user-may-sign-in.ts';
import { tokenResponse } from '../token-response.ts';
import type { GrantHandler } from './grant.ts';

/**
 * authorization_code (RFC 6749 §4.1.3, RFC 7636): the code row becomes the token row. Checks in
 * order: the code exists; it was not redeemed before (else what it produced is revoked); it has not
 * expired; it belongs to this client; the redirect URI and the PKCE verifier match what the
 * authorization request bound it to; its user may still sign in.
 */
export const authorizationCodeGrant: GrantHandler = async (context, { client, parameters }) => {
  const presented = parameters.get('code');
  if (!presented) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'code' });
  const code = await findTokenByCodeHash(context.db, sha256Hex(presented));
  if (!code) throw new OAuthError('invalid_grant', 'oauth.code_invalid');
  await checkCodeNotReused(context, code);
  checkCodeNotExpired(context, code);
  checkCodeIssuedToClient(code, client.application);
  checkRedirectUriMatchesCode(code, parameters.get('redirect_uri'), client);
  checkPkceVerifier(code, parameters.get('code_verifier'), client);
  const user = await checkUserMaySignIn(context, client.application, code);

  const issued = await mintTokens(
    context,
    {
      application: client.application,
      user,
      scope: code.scope,
      grantType: 'authorization_code',
      withRefreshToken: client.application.grantTypes.includes('refresh_token'),
      nonce: code.nonce || undefined,
      authTime: code.authTime,
      amr: code.amr ? code.amr.split(' ') : undefined,
      sessionId: code.sessionId,
      familyId: code.familyId,
      clientAuthMethod: client.method,
    },
    { ...code, codeIsUsed: true },
  );
  // Used up and its tokens stored in one conditional update: the first redemption wins, whole.
  if (!(await redeemCode(context.db, code.name, issued.token))) await revokeCodeFamily(context, code);
  metrics.recordTokenIssued('authorization_code');
  return tokenResponse(issued);
};
