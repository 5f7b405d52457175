import { createQueryId, RawNode, type CompiledQuery } from 'kysely';
import type { AppContext } from '../context.ts';

interface Template {
  sql: string;
  query: RawNode;
  queryId: ReturnType<typeof createQueryId>;
}

const templates = new Map<string, Template>();

/** A fixed SQL text made ready once: `?` placeholders in the dialect's form (`$1`… on Postgres) and its query node. */
function templateOf(dialect: AppContext['dialect'], text: string): Template {
  const key = `${dialect}:${text}`;
  let template = templates.get(key);
  if (template === undefined) {
    let parameter = 0;
    const sql = dialect === 'postgres' ? text.replace(/\?/g, () => `$${++parameter}`) : text;
    template = { sql, query: RawNode.createWithSql(sql), queryId: createQueryId() };
    templates.set(key, template);
  }
  return template;
}

/** Runs a fixed SQL text (a write) with bound parameters, as selectRows does. */
export async function executeStatement(context: Pick<AppContext, 'db' | 'dialect'>, text: string, parameters: readonly unknown[]): Promise<void> {
  const { sql, query, queryId } = templateOf(context.dialect, text);
  await context.db.executeQuery({ sql, query, queryId, parameters });
}

/**
 * Runs a fixed SQL text with bound parameters, without building and compiling the query anew each
 * time. For the few queries on the token endpoint's hot path, where the query builder costs more
 * than the query; every value is a bound parameter, never part of the text.
 */
export async function selectRows<Row>(context: Pick<AppContext, 'db' | 'dialect'>, text: string, parameters: readonly unknown[]): Promise<Row[]> {
  const { sql, query, queryId } = templateOf(context.dialect, text);
  const compiled: CompiledQuery<Row> = { sql, query, queryId, parameters };
  return (await context.db.executeQuery(compiled)).rows;
}
