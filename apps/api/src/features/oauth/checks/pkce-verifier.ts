import { createHash } from 'node:crypto';
import type { TokenRecord } from '@latchkey/db';
import { secretsEqual } from '../../../core/crypto/compare.ts';
import { OAuthError } from '../../../core/errors/oauth-error.ts';
import type { AuthenticatedClient } from '../client-auth.ts';

const verifierSyntax = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * PKCE (RFC 7636 §4.6, S256 only): a code bound to a challenge needs the matching verifier; a
 * verifier for a code without a challenge is a downgrade and refused (RFC 9700 §2.1.1); a public
 * client cannot redeem a code without PKCE.
 */
export function checkPkceVerifier(code: TokenRecord, verifier: string | undefined, client: AuthenticatedClient): void {
  if (!code.codeChallenge) {
    if (verifier !== undefined) throw new OAuthError('invalid_grant', 'oauth.pkce_downgrade');
    if (client.method === 'none') throw new OAuthError('invalid_client', 'oauth.client_secret_required');
    return;
  }
  if (verifier === undefined) throw new OAuthError('invalid_grant', 'oauth.pkce_verifier_missing');
  if (!verifierSyntax.test(verifier)) throw new OAuthError('invalid_grant', 'oauth.pkce_verifier_wrong');
  const computed = createHash('sha256').update(verifier).digest('base64url');
  if (!secretsEqual(computed, code.codeChallenge)) throw new OAuthError('invalid_grant', 'oauth.pkce_verifier_wrong');
}
