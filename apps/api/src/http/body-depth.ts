/** How deep a request body's arrays and objects may nest; Casdoor's objects nest four levels at most. */
export const MAX_BODY_DEPTH = 32;

/**
 * Whether a parsed body nests arrays or objects deeper than `max`. Walks without recursion and
 * stops at the first value too deep, so a hostile body costs no more than its size.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const pending: [object, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (depth > max) return true;
    for (const item of Object.values(current))
      if (item !== null && typeof item === 'object') pending.push([item, depth + 1]);
  }
  return false;
}
