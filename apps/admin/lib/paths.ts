/** A path inside the portal that is safe to go back to after sign-in (never another site). */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}

export function loginPath(returnTo: string): string {
  const target = safeReturnPath(returnTo);
  return target === '/' ? '/login' : `/login?next=${encodeURIComponent(target)}`;
}
