import type { AppContext } from '../../context.ts';
import { sha256Hex } from '../../crypto/compare.ts';
import { OAuthError } from '../../errors/oauth-error.ts';
import { findTokenByAccessHash, findTokenByRefreshHash, revokeFamily, revokeTokenRow } from '../../tokens/token-store.ts';
import { authenticateClient } from './client-auth.ts';
import type { OAuthParameters } from './parameters.ts';

/**
 * Token revocation (RFC 7009), which Casdoor lacks. The client authenticates (a public client by
 * its client_id) and may revoke only its own tokens. Revoking a refresh token revokes its whole
 * grant; revoking an access token revokes it and the refresh token issued with it. An unknown or
 * already revoked token is not an error.
 */
export async function revoke(context: AppContext, request: Request, parameters: OAuthParameters): Promise<void> {
  const client = await authenticateClient(context, request, parameters);
  const raw = parameters.get('token');
  if (!raw) throw new OAuthError('invalid_request', 'oauth.parameter_missing', { name: 'token' });
  if (raw.length > 16384) return;
  const hash = sha256Hex(raw);
  const hint = parameters.get('token_type_hint');
  const asRefreshToken = () => findTokenByRefreshHash(context.db, hash);
  const asAccessToken = () => findTokenByAccessHash(context, hash);
  const [first, second] = hint === 'refresh_token' ? [asRefreshToken, asAccessToken] : [asAccessToken, asRefreshToken];
  let token = await first();
  let isRefreshToken = token !== undefined && hint === 'refresh_token';
  if (!token) {
    token = await second();
    isRefreshToken = token !== undefined && hint !== 'refresh_token';
  }
  if (!token) return;
  if (token.application !== client.application.name) throw new OAuthError('unauthorized_client', 'oauth.token_other_client');
  if (isRefreshToken) await revokeFamily(context.db, token.familyId);
  else await revokeTokenRow(context.db, token.name);
}
