import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from './create-db.ts';

/** Escapes LIKE wildcards so that a user's search text matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Case-insensitive "contains" match, the one piece of SQL that differs between our dialects:
 * SQLite's LIKE already ignores ASCII case, Postgres needs ILIKE. The value is always bound.
 */
export function containsText(dialect: DialectName, column: Expression<unknown>, value: string): RawBuilder<SqlBool> {
  const pattern = `%${escapeLike(value)}%`;
  return dialect === 'postgres'
    ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}
