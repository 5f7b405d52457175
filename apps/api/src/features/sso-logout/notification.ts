import { createHmac, timingSafeEqual } from 'node:crypto';
import type { User } from '@latchkey/types';
import { newId } from '../../core/crypto/random.ts';

/** Casdoor's SSO-logout notification, field for field and in its order. */
export interface SsoLogoutNotification {
  owner: string;
  name: string;
  displayName: string;
  email: string;
  phone: string;
  id: string;
  event: 'sso-logout';
  sessionIds: string[];
  /** Lower-case hex SHA-256 of each access token that was ended: what a bearer lookup hashes. */
  accessTokenHashes: string[];
  nonce: string;
  /** Unix seconds. */
  timestamp: number;
  signature: string;
}

/**
 * Hex HMAC-SHA256 keyed with the application's client secret over
 * `owner|name|nonce|timestamp|<sessionIds joined by ",">|<accessTokenHashes joined by ",">`,
 * exactly as Casdoor signs it, so receivers written for Casdoor verify ours.
 */
export function ssoLogoutSignature(
  clientSecret: string,
  fields: Pick<SsoLogoutNotification, 'owner' | 'name' | 'nonce' | 'timestamp' | 'sessionIds' | 'accessTokenHashes'>,
): string {
  const data = [
    fields.owner,
    fields.name,
    fields.nonce,
    String(fields.timestamp),
    fields.sessionIds.join(','),
    fields.accessTokenHashes.join(','),
  ].join('|');
  return createHmac('sha256', clientSecret).update(data).digest('hex');
}

/** What a receiver runs: recompute the signature with its client secret and compare. */
export function verifySsoLogoutSignature(clientSecret: string, notification: SsoLogoutNotification): boolean {
  const expected = Buffer.from(ssoLogoutSignature(clientSecret, notification));
  const given = Buffer.from(String(notification.signature));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function buildSsoLogoutNotification(
  user: Pick<User, 'owner' | 'name' | 'displayName' | 'email' | 'phone' | 'id'>,
  sessionIds: string[],
  accessTokenHashes: string[],
  clientSecret: string,
  timestamp: number,
): SsoLogoutNotification {
  const unsigned = {
    owner: user.owner,
    name: user.name,
    displayName: user.displayName,
    email: user.email,
    phone: user.phone,
    id: user.id,
    event: 'sso-logout' as const,
    sessionIds,
    accessTokenHashes,
    nonce: newId(),
    timestamp,
  };
  return { ...unsigned, signature: ssoLogoutSignature(clientSecret, unsigned) };
}
