import type { Database, DialectName } from '@latchkey/db';
import type { Kysely } from 'kysely';
import type { Config } from './config/index.ts';
import type { SecretBox } from './crypto/secret-box.ts';
import type { Logger } from './logging/logger.ts';
import type { PasswordHasher } from './passwords/hasher.ts';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Everything a service needs, handed in explicitly; no module reaches for globals. */
export interface AppContext {
  config: Config;
  db: Kysely<Database>;
  dialect: DialectName;
  log: Logger;
  secrets: SecretBox;
  passwords: PasswordHasher;
  clock: Clock;
  /** The admin portal's pages, when the portal runs behind this server (the OAuth sign-in page uses them). */
  portalPages?: PortalPages;
}

/** The last second formatted: under load many requests in a row fall in the same second. */
let formattedSecond = Number.NaN;
let formattedText = '';

/** Casdoor's time format: RFC 3339 in UTC, whole seconds. */
export function formatTime(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== formattedSecond) {
    formattedText = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    formattedSecond = second;
  }
  return formattedText;
}

export const nowText = (context: Pick<AppContext, 'clock'>) => formatTime(context.clock.now());
export const nowSeconds = (context: Pick<AppContext, 'clock'>) => Math.floor(context.clock.now().getTime() / 1000);

/**
 * Pages of the portal that API routes show after their own checks (the OAuth sign-in page). The
 * route hands the portal a description of what to show (`view`, plain data); the portal renders it
 * in the console's look and language, and its forms post back to the route.
 */
export interface PortalPages {
  /** The portal's rendering of `path` for this request, or undefined when the portal cannot answer (the route shows its own page). */
  render(request: Request, path: string, view: unknown): Promise<Response | undefined>;
}
