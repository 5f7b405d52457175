/**
 * The URL an authorization response goes to: the registered redirect URI, kept exactly as it is,
 * with `code` (or `error` and `error_description`), `state` and `iss` (RFC 9207) added to its query.
 */
export function authorizationResponseUrl(redirectUri: string, parameters: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) query.append(name, value);
  const separator = !redirectUri.includes('?')
    ? '?'
    : redirectUri.endsWith('?') || redirectUri.endsWith('&')
      ? ''
      : '&';
  return `${redirectUri}${separator}${query.toString()}`;
}
