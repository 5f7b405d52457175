import type { Application } from '@latchkey/types';

/** An authorization code is redeemable for five minutes. */
export const CODE_LIFETIME_SECONDS = 300;

/** Access-token (and ID-token) lifetime in seconds: expireInHours × 3600. */
export function accessTokenLifetime(application: Pick<Application, 'expireInHours'>): number {
  return Math.max(0, Math.round(application.expireInHours * 3600));
}

/**
 * Refresh-token lifetime in seconds: refreshExpireInHours × 3600, or the access-token lifetime when
 * it is 0 (Casdoor's rule). It counts from the sign-in: rotation hands out new refresh tokens that
 * keep the expiry of the first, so a grant has an absolute end.
 */
export function refreshTokenLifetime(application: Pick<Application, 'expireInHours' | 'refreshExpireInHours'>): number {
  return application.refreshExpireInHours > 0 ? Math.round(application.refreshExpireInHours * 3600) : accessTokenLifetime(application);
}
