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
    // One-time codes and tokens of sign-up and sign-in forms.
    'emailCode',
    'phoneCode',
    'invitationCode',
    'verificationCode',
    'passcode',
    'recoveryCode',
    'captchaToken',
    'csrfToken',
    'idToken',
    'id_token',
  ].map((name) => name.toLowerCase()),
);

export const REDACTED = '[REDACTED]';
export const NESTED_TOO_DEEP = '[NESTED]';

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

/** Names of fields, and of headers in `{name, value}` pairs, whose values are credentials. */
const secretField = /secret|password|privatekey/i;
const secretHeader = /authorization|cookie|token|secret|password|api-?key|signature/i;

/**
 * A copy of a parsed body or object with secret fields replaced, for audit records: fields named
 * like secrets, and the value of `{name, value}` pairs (a webhook's headers) that name a credential.
 */
export function redactObject(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  // Deeper levels are left out rather than copied as they are: they could hold secrets, or nest
  // deep enough to overflow the stack of whoever serializes the copy.
  if (depth > 8) return NESTED_TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => redactObject(item, depth + 1));
  const out: Record<string, unknown> = {};
  const header =
    typeof (value as { name?: unknown }).name === 'string' && secretHeader.test((value as { name: string }).name);
  for (const [key, item] of Object.entries(value)) {
    const secret = isSecretParameter(key) || secretField.test(key) || (header && key === 'value');
    out[key] = secret ? (item ? REDACTED : item) : redactObject(item, depth + 1);
  }
  return out;
}
