import type { Application, User } from '@latchkey/types';
import { SignJWT } from 'jose';
import type { AppContext } from '../../core/context.ts';
import { newId } from '../../core/crypto/random.ts';
import type { SigningKey } from '../../core/tokens/signing-keys.ts';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * An OIDC Back-Channel Logout token (OpenID Connect Back-Channel Logout 1.0 §2.4): signed with the
 * application's cert, `typ` logout+jwt, `sub` the user's id, `aud` the client id, the logout event,
 * and `sid` when one session ended (absent when every session of the user ended). Never a nonce.
 * `key` is the application's signing key.
 */
export async function createLogoutToken(
  context: AppContext,
  key: SigningKey,
  application: Application,
  user: Pick<User, 'id'>,
  sid?: string,
): Promise<string> {
  const issuedAt = Math.floor(context.clock.now().getTime() / 1000);
  return new SignJWT({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, ...(sid ? { sid } : {}) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'logout+jwt' })
    .setIssuer(context.config.origin)
    .setSubject(user.id)
    .setAudience(application.clientId)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 120)
    .setJti(newId())
    .sign(key.privateKey);
}
