import { type CompiledQuery, createQueryId, type Kysely, RawNode, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';

/** The database or a transaction: what a prepared statement runs on. */
type Executor = Kysely<Database> | Transaction<Database>;

interface PreparedStatement {
  sql: string;
  query: RawNode;
  queryId: ReturnType<typeof createQueryId>;
}

const statements = new Map<string, PreparedStatement>();
const placeholders = new WeakMap<Executor, 'numbered' | 'question'>();

/** How the executor's dialect writes a bound parameter: `$1` (Postgres) or `?` (SQLite); asked once per executor. */
function placeholderStyle(db: Executor): 'numbered' | 'question' {
  let style = placeholders.get(db);
  if (style === undefined) {
    style = sql`${0}`.compile(db).sql === '$1' ? 'numbered' : 'question';
    placeholders.set(db, style);
  }
  return style;
}

/** A fixed SQL text made ready once per dialect: `?` placeholders in the dialect's form and its query node. */
function prepare(db: Executor, text: string): PreparedStatement {
  const style = placeholderStyle(db);
  const key = `${style}:${text}`;
  let statement = statements.get(key);
  if (statement === undefined) {
    let parameter = 0;
    const ready = style === 'numbered' ? text.replace(/\?/g, () => `$${++parameter}`) : text;
    statement = { sql: ready, query: RawNode.createWithSql(ready), queryId: createQueryId() };
    statements.set(key, statement);
  }
  return statement;
}

/**
 * Runs a fixed SQL text (`?` placeholders) with bound parameters and answers its rows, without
 * building and compiling a query anew each time. For the few queries on the hot paths (every call
 * with a bearer token, the token endpoint), where the query builder costs more than the query.
 * Every value is a bound parameter, never part of the text.
 */
export async function selectPrepared<Row>(db: Executor, text: string, parameters: readonly unknown[]): Promise<Row[]> {
  const { sql: ready, query, queryId } = prepare(db, text);
  const compiled: CompiledQuery<Row> = { sql: ready, query, queryId, parameters };
  return (await db.executeQuery(compiled)).rows;
}

/** Runs a fixed SQL text that writes (`?` placeholders) with bound parameters, as selectPrepared does. */
export async function executePrepared(db: Executor, text: string, parameters: readonly unknown[]): Promise<void> {
  const { sql: ready, query, queryId } = prepare(db, text);
  await db.executeQuery({ sql: ready, query, queryId, parameters });
}
