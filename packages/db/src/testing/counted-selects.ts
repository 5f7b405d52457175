import type { CompiledQuery, Kysely, KyselyPlugin, RootOperationNode } from 'kysely';
import type { Database } from '../database.ts';

/**
 * The database with every select it runs counted, as `SelectQueryNode <table>` (and other queries
 * built with the query builder by their kind): those built with the query builder when they are
 * compiled, prepared statements (prepared.ts, a fixed text) when they run.
 */
export function countingSelects(db: Kysely<Database>): { db: Kysely<Database>; queries: string[] } {
  const queries: string[] = [];
  const counter: KyselyPlugin = {
    transformQuery: ({ node }) => {
      const from = (node as RootOperationNode & { from?: { froms: { table?: { identifier: { name: string } } }[] } })
        .from;
      // Raw texts are counted when they run (below).
      if (node.kind !== 'RawNode') queries.push(`${node.kind} ${from?.froms[0]?.table?.identifier.name}`);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  const withCounter = db.withPlugin(counter);
  const counted = new Proxy(withCounter, {
    get(target, property) {
      if (property === 'executeQuery')
        return (query: CompiledQuery) => {
          const table = /^select .* from "(\w+)"/.exec(query.sql)?.[1];
          if (table) queries.push(`SelectQueryNode ${table}`);
          return target.executeQuery(query);
        };
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: counted, queries };
}
