/**
 * The name (id) of a token row: a UUID whose first bits are the time (version 7), so that new rows
 * land together at the end of the primary-key and family indexes instead of all over them.
 */
export const newTokenName = (): string => Bun.randomUUIDv7();
