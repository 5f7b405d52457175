/** Query and form parameters whose values never reach a log line. */
const secretParameters = new Set(
  [
    'access_token',
    'accessToken',
    'refresh_token',
    'refreshToken',
    'id_token_hint',
    'token',
    'clientSecret',
    'client_secret',
    'client_assertion',
    'accessSecret',
    'password',
    'oldPassword',
    'newPassword',
    'code',
    'code_verifier',
    'assertion',
  ].map((name) => name.toLowerCase()),
);

export const REDACTED = '[REDACTED]';

export function isSecretParameter(name: string): boolean {
  return secretParameters.has(name.toLowerCase());
}

/** A path with its query string, secret parameter values replaced by [REDACTED]. */
export function redactPathAndQuery(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const path = url.slice(0, queryStart);
  const pairs = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed escape is kept as it is
      }
      return isSecretParameter(name) && equals >= 0 ? `${rawName}=${REDACTED}` : pair;
    });
  return `${path}?${pairs.join('&')}`;
}

/** A copy of a parsed body or object with secret fields replaced, for audit records. */
export function redactObject(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactObject(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretParameter(key) || /secret|password|privatekey/i.test(key) ? (item ? REDACTED : item) : redactObject(item, depth + 1);
  }
  return out;
}
