/**
 * Names of tables and columns in an outside database, as an administrator writes them: plain
 * identifiers only (letters, digits, underscores and hyphens, starting with a letter or an
 * underscore, at most 63 characters), optionally `schema.table`. Anything else — quotes, spaces,
 * semicolons — is refused before any SQL is written, and what passes is quoted as well (a hyphen,
 * as in Casdoor's SDK tests' `user-table`, is only a name inside quotes).
 */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

export const isPlainIdentifier = (name: string) => IDENTIFIER.test(name);

/** A table name: `table` or `schema.table`, each part a plain identifier. */
export function isTableName(name: string): boolean {
  const parts = name.split('.');
  return parts.length <= 2 && parts.every(isPlainIdentifier);
}

/** The columns a mapping names: `first+last` joins several (Casdoor's way), each a plain identifier. */
export function columnsOfMapping(name: string): string[] {
  return name.split('+').map((part) => part.trim());
}

export type QuoteStyle = 'postgres' | 'mysql';

/** An identifier quoted for the dialect; throws for one that is not plain (never reached with checked input). */
export function quoteIdentifier(name: string, style: QuoteStyle): string {
  if (!isPlainIdentifier(name)) throw new Error(`not a plain identifier: ${JSON.stringify(name)}`);
  return style === 'postgres' ? `"${name}"` : `\`${name}\``;
}

export function quoteTable(name: string, style: QuoteStyle): string {
  if (!isTableName(name)) throw new Error(`not a table name: ${JSON.stringify(name)}`);
  return name
    .split('.')
    .map((part) => quoteIdentifier(part, style))
    .join('.');
}
