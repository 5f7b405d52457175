/** Reading and checking one setting. A bad value throws a ConfigError that names the setting. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly expected: string,
    readonly received: string,
  ) {
    super(`${setting} must be ${expected}; got ${JSON.stringify(received)}`);
    this.name = 'ConfigError';
  }
}

export type Parser<T> = (raw: string, setting: string) => T;

export const asString: Parser<string> = (raw) => raw;

export const asPort: Parser<number> = (raw, setting) => {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port < 1 || port > 65535)
    throw new ConfigError(setting, 'a whole number from 1 to 65535', raw);
  return port;
};

export const asPortOrZero: Parser<number> = (raw, setting) => (raw.trim() === '0' ? 0 : asPort(raw, setting));

export const asPositiveInteger: Parser<number> = (raw, setting) => {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1) throw new ConfigError(setting, 'a whole number of at least 1', raw);
  return value;
};

export const asWholeNumber: Parser<number> = (raw, setting) => {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(setting, 'a whole number (0 or more)', raw);
  return value;
};

export const asBoolean: Parser<boolean> = (raw, setting) => {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
  throw new ConfigError(setting, 'true or false', raw);
};

export const asHost: Parser<string> = (raw, setting) => {
  const host = raw.trim();
  if (!host || /[\s/]/.test(host))
    throw new ConfigError(setting, 'a host name or IP address such as 127.0.0.1 or 0.0.0.0', raw);
  return host;
};

export function asOneOf<const T extends string>(choices: readonly T[]): Parser<T> {
  return (raw, setting) => {
    const value = raw.trim().toLowerCase() as T;
    if (!choices.includes(value)) throw new ConfigError(setting, `one of ${choices.join(', ')}`, raw);
    return value;
  };
}

/** An http(s) origin without path, query or fragment, as used for the OIDC issuer. */
export const asOrigin: Parser<string> = (raw, setting) => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(setting, 'an http:// or https:// origin such as https://id.example.com', raw);
  }
  if (
    !['http:', 'https:'].includes(url.protocol) ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash ||
    url.username
  ) {
    throw new ConfigError(setting, 'an http:// or https:// origin such as https://id.example.com, without a path', raw);
  }
  return url.origin;
};

/** An http:// or https:// URL (a service the server calls, such as a captcha's verification endpoint). */
export const asHttpUrl: Parser<string> = (raw, setting) => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigError(setting, 'an http:// or https:// URL', raw);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password)
    throw new ConfigError(setting, 'an http:// or https:// URL', raw);
  return url.toString();
};

export const asOriginList: Parser<string[]> = (raw, setting) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => asOrigin(item, setting));

export const asPostgresUrl: Parser<string> = (raw, setting) => {
  const value = raw.trim();
  if (!/^postgres(ql)?:\/\/./.test(value))
    throw new ConfigError(setting, 'a postgres:// or postgresql:// connection URL', raw);
  try {
    new URL(value);
  } catch {
    throw new ConfigError(setting, 'a postgres:// or postgresql:// connection URL', raw);
  }
  return value;
};

/** 32 bytes, written as 64 hex characters or as base64. */
export const asSecretKey: Parser<Buffer> = (raw, setting) => {
  const value = raw.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (bytes.length !== 32)
    throw new ConfigError(setting, '32 random bytes as 64 hex characters or base64 (openssl rand -hex 32)', '(hidden)');
  return bytes;
};
