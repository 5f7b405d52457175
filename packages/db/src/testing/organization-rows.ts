import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../database.ts';
import { escapeLike } from '../dialect.ts';
import { type TableName, tables } from '../tables.ts';

/** The columns that say which organization a row belongs to: the organization itself, or an id `organization/name`. */
const BELONGING_COLUMNS = ['owner', 'organization', 'adapter'];

/**
 * Every row that belongs to an organization, by table: rows whose owner, organization or adapter
 * is the organization or an id within it (`organization/…`), ordered by their first two columns.
 * Tables with none of those columns are left out.
 */
export async function rowsOfOrganization(
  db: Kysely<Database>,
  organization: string,
): Promise<Partial<Record<TableName, Record<string, unknown>[]>>> {
  const out: Partial<Record<TableName, Record<string, unknown>[]>> = {};
  for (const [table, schema] of Object.entries(tables) as [TableName, (typeof tables)[TableName]][]) {
    const columns = Object.keys(schema.properties);
    const belonging = BELONGING_COLUMNS.filter((column) => columns.includes(column));
    if (belonging.length === 0) continue;
    const within = `${escapeLike(organization)}/%`;
    const where = belonging.map(
      (column) => sql<SqlBool>`${sql.ref(column)} = ${organization} or ${sql.ref(column)} like ${within} escape '\\'`,
    );
    // Any table's rows: the cast only names one so that Kysely accepts the table name.
    out[table] = (await db
      .selectFrom(table as 'user')
      .selectAll()
      .where(sql<SqlBool>`${sql.join(where, sql` or `)}`)
      .orderBy(sql.ref(columns[0]!))
      .orderBy(sql.ref(columns[1]!))
      .execute()) as Record<string, unknown>[];
  }
  return out;
}
