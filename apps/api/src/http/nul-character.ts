/**
 * Whether a parsed input (a query, path parameters, a body) holds the NUL character in any text or
 * property name. No client has a use for it, and Postgres cannot store it in text, so it is refused
 * on every database alike. Walks without recursion; call it on values already checked for depth.
 */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return true;
    } else if (current !== null && typeof current === 'object' && !(current instanceof Blob)) {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes('\u0000')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
