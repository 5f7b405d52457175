/**
 * Freezes a remembered row and everything in it (arrays, nested objects), so that a request handed
 * the remembered row itself cannot change what the next request is handed: an attempt throws (in
 * strict code) instead. Done once, when the row is remembered.
 */
export function freezeRow<T extends object>(row: T): Readonly<T> {
  for (const value of Object.values(row)) if (value !== null && typeof value === 'object') freezeRow(value);
  return Object.freeze(row);
}
