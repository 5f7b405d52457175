import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  asBoolean,
  asHost,
  asHttpUrl,
  asOneOf,
  asOrigin,
  asOriginList,
  asPort,
  asPortOrZero,
  asPositiveInteger,
  asPostgresUrl,
  asSecretKey,
  asString,
  asWholeNumber,
  ConfigError,
  type Parser,
} from './settings.ts';

export { ConfigError } from './settings.ts';

export const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Public origin of this server; the OIDC issuer. */
  origin: string;
  logLevel: LogLevel;
  /** Postgres when set; otherwise the SQLite file `latchkey.db` in dataDir. */
  databaseUrl?: string;
  adminPassword?: string;
  /** Key for secrets kept encrypted at rest; otherwise `secret.key` in dataDir. */
  secretKey?: Buffer;
  /** Extra origins allowed by CORS besides the applications' redirect URIs and our own origin. */
  corsOrigins: string[];
  /** Trust X-Forwarded-For for the client address (only behind a reverse proxy you run). */
  trustProxy: boolean;
  /** Let SSO-logout and webhook deliveries, and syncers, reach private, loopback and link-local addresses. */
  allowPrivateCallbackUrls: boolean;
  /** Seconds one outbound call (webhook, logout notification) may take in all: connecting, sending and reading the answer. */
  outboundTimeout: number;
  /** Bytes of an outbound call's answer that are read at most. */
  outboundResponseLimit: number;
  /** Outbound calls under way at once on one server, in all. */
  outboundConcurrency: number;
  /** Outbound calls under way at once on one server for the receivers of one organization. */
  outboundConcurrencyPerOrganization: number;
  /** Failed credential checks (and sign-ups) allowed per client address per minute. */
  signinRateLimit: number;
  /** Failed credential checks allowed per OAuth client (client id) per minute. */
  clientFailureLimit: number;
  /** Sign-in sessions a user may hold at once; a new one ends the oldest beyond it. */
  sessionLimit: number;
  /** Checked bearer tokens a server remembers (bearer-cache.ts); 0 reads every one from the database. */
  bearerCacheSize: number;
  /** Milliseconds of each second one organization's enforce and batch-enforce calls may take on a server. */
  enforceShare: number;
  /** Milliseconds one enforce or batch-enforce call may take before it is stopped with an error. */
  enforceCallLimit: number;
  /** About how often (seconds, give or take a fifth) each server deletes expired codes, sessions, tokens and rate-limit counts. */
  housekeepingInterval: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Largest accepted file upload (`/api/upload-users`, `/api/upload-resource`), in bytes. */
  uploadLimit: number;
  /** Serve the admin portal (Next.js) behind the same port. */
  portal: boolean;
  /** Emails and text messages (each receiver counts) one organization may send per minute through send-email and send-sms. */
  messageRateLimit: number;
  /** Internal port of the portal server on 127.0.0.1; 0 picks a free one. */
  portalPort: number;
  /** Where reCAPTCHA answers are checked (Google's siteverify). */
  recaptchaVerifyUrl: string;
  /** Where hCaptcha answers are checked. */
  hcaptchaVerifyUrl: string;
  /** Where Cloudflare Turnstile answers are checked. */
  turnstileVerifyUrl: string;
}

interface Setting<K extends keyof Config> {
  key: K;
  env: string;
  parse: Parser<NonNullable<Config[K]>>;
}

const setting = <K extends keyof Config>(key: K, env: string, parse: Parser<NonNullable<Config[K]>>): Setting<K> => ({
  key,
  env,
  parse,
});

/** Every setting: its environment variable (which wins) and its key in the optional JSON config file. */
export const settings = [
  setting('host', 'LATCHKEY_HOST', asHost),
  setting('port', 'LATCHKEY_PORT', asPort),
  setting('dataDir', 'LATCHKEY_DATA_DIR', asString),
  setting('origin', 'LATCHKEY_ORIGIN', asOrigin),
  setting('logLevel', 'LATCHKEY_LOG_LEVEL', asOneOf(logLevels)),
  setting('databaseUrl', 'DATABASE_URL', asPostgresUrl),
  setting('adminPassword', 'LATCHKEY_ADMIN_PASSWORD', asString),
  setting('secretKey', 'LATCHKEY_SECRET_KEY', asSecretKey),
  setting('corsOrigins', 'LATCHKEY_CORS_ORIGINS', asOriginList),
  setting('trustProxy', 'LATCHKEY_TRUST_PROXY', asBoolean),
  setting('allowPrivateCallbackUrls', 'LATCHKEY_ALLOW_PRIVATE_CALLBACK_URLS', asBoolean),
  setting('outboundTimeout', 'LATCHKEY_OUTBOUND_TIMEOUT', asPositiveInteger),
  setting('outboundResponseLimit', 'LATCHKEY_OUTBOUND_RESPONSE_LIMIT', asPositiveInteger),
  setting('outboundConcurrency', 'LATCHKEY_OUTBOUND_CONCURRENCY', asPositiveInteger),
  setting('outboundConcurrencyPerOrganization', 'LATCHKEY_OUTBOUND_CONCURRENCY_PER_ORGANIZATION', asPositiveInteger),
  setting('signinRateLimit', 'LATCHKEY_SIGNIN_RATE_LIMIT', asPositiveInteger),
  setting('clientFailureLimit', 'LATCHKEY_CLIENT_FAILURE_LIMIT', asPositiveInteger),
  setting('sessionLimit', 'LATCHKEY_SESSION_LIMIT', asPositiveInteger),
  setting('bearerCacheSize', 'LATCHKEY_BEARER_CACHE_SIZE', asWholeNumber),
  setting('enforceShare', 'LATCHKEY_ENFORCE_SHARE', asPositiveInteger),
  setting('enforceCallLimit', 'LATCHKEY_ENFORCE_CALL_LIMIT', asPositiveInteger),
  setting('housekeepingInterval', 'LATCHKEY_HOUSEKEEPING_INTERVAL', asPositiveInteger),
  setting('bodyLimit', 'LATCHKEY_BODY_LIMIT', asPositiveInteger),
  setting('uploadLimit', 'LATCHKEY_UPLOAD_LIMIT', asPositiveInteger),
  setting('portal', 'LATCHKEY_PORTAL', asBoolean),
  setting('portalPort', 'LATCHKEY_PORTAL_PORT', asPortOrZero),
  setting('messageRateLimit', 'LATCHKEY_MESSAGE_RATE_LIMIT', asPositiveInteger),
  setting('recaptchaVerifyUrl', 'LATCHKEY_RECAPTCHA_VERIFY_URL', asHttpUrl),
  setting('hcaptchaVerifyUrl', 'LATCHKEY_HCAPTCHA_VERIFY_URL', asHttpUrl),
  setting('turnstileVerifyUrl', 'LATCHKEY_TURNSTILE_VERIFY_URL', asHttpUrl),
] as const;

const defaults = {
  host: '127.0.0.1',
  port: 8000,
  dataDir: './data',
  logLevel: 'info',
  corsOrigins: [],
  trustProxy: false,
  allowPrivateCallbackUrls: false,
  outboundTimeout: 10,
  outboundResponseLimit: 64 * 1024,
  outboundConcurrency: 32,
  outboundConcurrencyPerOrganization: 4,
  signinRateLimit: 60,
  clientFailureLimit: 60,
  sessionLimit: 100,
  bearerCacheSize: 10_000,
  enforceShare: 300,
  enforceCallLimit: 200,
  housekeepingInterval: 600,
  bodyLimit: 1024 * 1024,
  uploadLimit: 10 * 1024 * 1024,
  portal: true,
  portalPort: 0,
  messageRateLimit: 60,
  recaptchaVerifyUrl: 'https://www.google.com/recaptcha/api/siteverify',
  hcaptchaVerifyUrl: 'https://api.hcaptcha.com/siteverify',
  turnstileVerifyUrl: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
} satisfies Partial<Config>;

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError('LATCHKEY_CONFIG', 'the path of a readable JSON file', path);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ConfigError('LATCHKEY_CONFIG', 'a JSON object such as {"port": 8000}', path);
}

/**
 * The configuration from environment variables, then the JSON file named by LATCHKEY_CONFIG, then
 * defaults. Throws a ConfigError naming the first bad setting.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const file = env.LATCHKEY_CONFIG ? readConfigFile(env.LATCHKEY_CONFIG) : {};
  const given: Partial<Config> = {};
  for (const entry of settings) {
    const fromEnv = env[entry.env];
    const fromFile = file[entry.key];
    if (fromEnv !== undefined && fromEnv !== '') take(given, entry, fromEnv, entry.env);
    else if (fromFile !== undefined && fromFile !== null) {
      const raw = Array.isArray(fromFile) ? fromFile.join(',') : String(fromFile);
      take(given, entry, raw, `${entry.key} in ${env.LATCHKEY_CONFIG}`);
    }
  }
  const unknown = Object.keys(file).filter((key) => !settings.some((entry) => entry.key === key));
  if (unknown.length > 0)
    throw new ConfigError(
      `${unknown[0]} in ${env.LATCHKEY_CONFIG}`,
      `one of ${settings.map((s) => s.key).join(', ')}`,
      unknown[0]!,
    );
  const values = { ...defaults, ...given };
  const host = values.host === '0.0.0.0' || values.host === '::' ? '127.0.0.1' : values.host;
  return {
    ...values,
    dataDir: resolve(values.dataDir),
    origin: values.origin || `http://${host.includes(':') ? `[${host}]` : host}:${values.port}`,
  };
}

/** One setting's value, parsed from its text. */
function take<K extends keyof Config>(config: Partial<Config>, entry: Setting<K>, raw: string, name: string): void {
  config[entry.key] = entry.parse(raw, name);
}
