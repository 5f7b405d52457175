import { type Expression, type SqlBool, sql } from 'kysely';
import type { DialectName } from './create-db.ts';

/** The user columns whose substring search an index serves (migration 0900). */
const indexedColumns = new Set(['name', 'displayName', 'email', 'phone']);

/** The trigram index finds substrings of three characters or more; shorter ones scan. */
const SHORTEST_INDEXED = 3;

/**
 * On SQLite, a condition that narrows a user search to the rows the trigram index finds for a
 * substring of a column, ahead of the exact (LIKE) condition that decides. It may find more rows
 * than LIKE keeps (it folds more of Unicode's case), never fewer. Undefined where no index serves:
 * other columns, short text, and Postgres (whose trigram indexes ILIKE uses by itself).
 *
 * With the organization (`owner`) the search is confined to, the index is asked for that
 * organization's names: SQLite reads the index once, where a match on (owner, name) pairs has it
 * read twice.
 */
export function indexedUserSearch(
  dialect: DialectName,
  column: string,
  value: string,
  owner?: string,
): Expression<SqlBool> | undefined {
  if (dialect !== 'sqlite' || !indexedColumns.has(column) || [...value].length < SHORTEST_INDEXED) return undefined;
  // A NUL would end the index's query text early.
  if (value.includes('\u0000')) return undefined;
  const phrase = `${column} : "${value.replaceAll('"', '""')}"`;
  if (owner !== undefined)
    return sql<SqlBool>`"user"."name" in (select k.name from user_search s join user_search_key k on k.id = s.rowid where user_search match ${phrase} and k.owner = ${owner})`;
  return sql<SqlBool>`("user"."owner", "user"."name") in (select k.owner, k.name from user_search s join user_search_key k on k.id = s.rowid where user_search match ${phrase})`;
}
