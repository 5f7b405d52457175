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
}

/** Casdoor's time format: RFC 3339 in UTC, whole seconds. */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const nowText = (context: Pick<AppContext, 'clock'>) => formatTime(context.clock.now());
export const nowSeconds = (context: Pick<AppContext, 'clock'>) => Math.floor(context.clock.now().getTime() / 1000);
