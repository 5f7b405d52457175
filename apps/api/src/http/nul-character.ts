/**
 * Whether a parsed input (a query, path parameters, a body) holds the NUL character in any text or
 * property name. No client has a use for it, and Postgres cannot store it in text, so it is refused
 * on every database alike. Walks without recursion; call it on values already checked for depth.
 */
export function containsNul(value: unknown): boolean {
  // Most inputs are absent, one text, or an object of texts: answered without a walk.
  if (typeof value === 'string') return value.includes('\u0000');
  if (value === null || typeof value !== 'object' || value instanceof Blob) return false;
  const pending: unknown[] = [];
  let current: unknown = value;
  for (;;) {
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return true;
    } else if (current !== null && typeof current === 'object' && !(current instanceof Blob)) {
      for (const key of Object.keys(current)) {
        if (key.includes('\u0000')) return true;
        pending.push((current as Record<string, unknown>)[key]);
      }
    }
    if (pending.length === 0) return false;
    current = pending.pop();
  }
}
