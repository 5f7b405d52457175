import type { Provider } from '@latchkey/types';
import { importPKCS8, SignJWT } from 'jose';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { UpstreamError } from './upstream-model.ts';

/** How long a client secret made for one sign-in stays valid (Apple accepts up to six months). */
const CLIENT_SECRET_SECONDS = 300;

/**
 * Apple's client secret: a JWT signed ES256 with the key Apple issued (the `.p8` file), made afresh
 * for each sign-in. Casdoor's fields: `clientId` the Services ID, `clientSecret` the Team ID,
 * `clientId2` the Key ID, `clientSecret2` the key's text (PKCS #8 PEM); the secrets stay sealed at rest.
 */
export async function appleClientSecret(context: AppContext, provider: Provider, audience: string): Promise<string> {
  const teamId = provider.clientSecret ? context.secrets.open(provider.clientSecret).trim() : '';
  const keyId = provider.clientId2.trim();
  const pem = provider.clientSecret2 ? context.secrets.open(provider.clientSecret2).trim() : '';
  if (!teamId) throw new UpstreamError('provider_misconfigured', 'no Team ID (clientSecret)');
  if (!keyId) throw new UpstreamError('provider_misconfigured', 'no Key ID (clientId2)');
  if (!pem) throw new UpstreamError('provider_misconfigured', 'no key (clientSecret2)');
  let key: CryptoKey;
  try {
    key = await importPKCS8(pem, 'ES256');
  } catch {
    throw new UpstreamError('provider_misconfigured', 'the key (clientSecret2) is not a PKCS #8 EC P-256 key');
  }
  const now = nowSeconds(context);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: keyId })
    .setIssuer(teamId)
    .setSubject(provider.clientId)
    .setAudience(audience)
    .setIssuedAt(now)
    .setExpirationTime(now + CLIENT_SECRET_SECONDS)
    .sign(key);
}
