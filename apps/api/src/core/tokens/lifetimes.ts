import type { Application } from '@latchkey/types';
import { ApiError } from '../errors/api-error.ts';

/**
 * The longest lifetime an application may give its tokens and sessions: one year. Longer values
 * are refused on writes and cut to this when read (a row written before, or by hand), so every
 * `exp` is a valid NumericDate and no credential outlives a year.
 */
export const MAX_LIFETIME_HOURS = 8760;

const LIFETIME_FIELDS = ['expireInHours', 'refreshExpireInHours', 'cookieExpireInHours'] as const;

/** Refuses lifetimes that are negative, not finite or longer than MAX_LIFETIME_HOURS. */
export function checkLifetimes(application: Pick<Application, (typeof LIFETIME_FIELDS)[number]>): void {
  for (const field of LIFETIME_FIELDS) {
    const hours = application[field];
    if (!Number.isFinite(hours) || hours < 0 || hours > MAX_LIFETIME_HOURS)
      throw new ApiError('general.invalid_field', { field }, { field });
  }
}

/** Hours as whole seconds, within 0 … MAX_LIFETIME_HOURS. */
export const boundedSeconds = (hours: number): number =>
  Number.isFinite(hours) ? Math.round(Math.min(Math.max(hours, 0), MAX_LIFETIME_HOURS) * 3600) : 0;

/** An authorization code is redeemable for five minutes. */
export const CODE_LIFETIME_SECONDS = 300;

/** Access-token (and ID-token) lifetime in seconds: expireInHours × 3600. */
export function accessTokenLifetime(application: Pick<Application, 'expireInHours'>): number {
  return boundedSeconds(application.expireInHours);
}

/**
 * Refresh-token lifetime in seconds: refreshExpireInHours × 3600, or the access-token lifetime when
 * it is 0 (Casdoor's rule). It counts from the sign-in: rotation hands out new refresh tokens that
 * keep the expiry of the first, so a grant has an absolute end.
 */
export function refreshTokenLifetime(application: Pick<Application, 'expireInHours' | 'refreshExpireInHours'>): number {
  return application.refreshExpireInHours > 0
    ? boundedSeconds(application.refreshExpireInHours)
    : accessTokenLifetime(application);
}
