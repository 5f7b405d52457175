import { findTokenByAccessHash, findTokenByRefreshHash, revokeFamily, revokeTokenRow } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { sha256Hex } from '../../core/crypto/compare.ts';
import { OAuthError } from '../../core/errors/oauth-error.ts';
import { claimedTokenName } from '../../core/tokens/unverified-payload.ts';
import { authenticateClient } from './client-auth.ts';
import type { OAuthParameters } from './parameters.ts';

/**
 * Token revocation (RFC 7009), which Casdoor lacks. The client authenticates as at the token
 * endpoint (RFC 7009 §2.1): with its secret (HTTP Basic or client_secret_post) it may revoke any
 * of its tokens; with only its client_id (a public client) only the tokens of grants it began as a
 * public client, and a token whose grant began with the secret needs the secret again
 * (invalid_client, 401). Revoking a refresh token revokes its whole grant; revoking an access
 * token revokes it and the refresh token issued with it. An unknown, already revoked or another
 * client's token is answered as a success and left alone (RFC 7009 §2.2).
 */
export async function revoke(context: AppContext, request: Request, parameters: OAuthParameters): Promise<void> {
  const client = await authenticateClient(context, request, parameters);
  const raw = parameters.get('token');
  if (!raw) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'token' });
  if (raw.length > 16384) return;
  const hash = sha256Hex(raw);
  const hint = parameters.get('token_type_hint');
  const asRefreshToken = () => findTokenByRefreshHash(context.db, hash);
  const asAccessToken = () => findTokenByAccessHash(context.db, claimedTokenName(raw) ?? '', hash);
  const [first, second] = hint === 'refresh_token' ? [asRefreshToken, asAccessToken] : [asAccessToken, asRefreshToken];
  let token = await first();
  let isRefreshToken = token !== undefined && hint === 'refresh_token';
  if (!token) {
    token = await second();
    isRefreshToken = token !== undefined && hint !== 'refresh_token';
  }
  if (!token || token.application !== client.application.name) return;
  if (client.method === 'none' && token.clientAuthMethod !== 'none')
    throw new OAuthError('invalid_client', 'oauth.client_secret_required');
  if (isRefreshToken) await revokeFamily(context.db, token.familyId);
  else await revokeTokenRow(context.db, token.name);
}
