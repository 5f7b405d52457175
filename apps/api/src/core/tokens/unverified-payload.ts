/**
 * What a compact JWT says, read without checking its signature: only to find the row or key to
 * check it with, never to trust.
 */
export function unverifiedPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return payload && typeof payload === 'object' && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The name of the token row an access token claims to be (its `jti` is `admin/<name>`, as
 * mintTokens writes it), or undefined. The row is then looked up by that name and the token's
 * hash together, so a `jti` that names another token's row finds nothing.
 */
export function claimedTokenName(token: string): string | undefined {
  const jti = unverifiedPayload(token)?.jti;
  return typeof jti === 'string' && jti.startsWith('admin/') ? jti.slice('admin/'.length) : undefined;
}
