import { containsText, type SessionRecord } from '@latchkey/db';
import type { Session } from '@latchkey/types';
import { sql, type Expression, type SqlBool } from 'kysely';
import { nowSeconds, type AppContext } from '../../context.ts';
import type { ListOptions } from '../../objects/list-query.ts';

export interface SessionGroupKey {
  owner: string;
  name: string;
  application: string;
}

export const sessionPkId = (key: SessionGroupKey) => `${key.owner}/${key.name}/${key.application}`;

function liveSessions(context: AppContext, scope: { owner?: string }, options?: Pick<ListOptions, 'filters'>) {
  let query = context.db.selectFrom('session').where('expireTime', '>', nowSeconds(context));
  if (scope.owner) query = query.where('owner', '=', scope.owner);
  for (const filter of options?.filters ?? []) {
    const condition: Expression<SqlBool> =
      filter.match === 'contains' ? containsText(context.dialect, sql.ref(filter.column), String(filter.value)) : sql<SqlBool>`${sql.ref(filter.column)} = ${filter.value}`;
    query = query.where(condition);
  }
  return query;
}

/** The session ids of some groups, as Casdoor's Session objects (one per user and application). */
async function withSessionIds(context: AppContext, groups: (SessionGroupKey & { createdTime: string })[]): Promise<Session[]> {
  if (groups.length === 0) return [];
  const rows = await context.db
    .selectFrom('session')
    .select(['sessionId', 'owner', 'name', 'application'])
    .where('expireTime', '>', nowSeconds(context))
    .where((eb) => eb.or(groups.map((group) => eb.and([eb('owner', '=', group.owner), eb('name', '=', group.name), eb('application', '=', group.application)]))))
    .orderBy('createdTime')
    .execute();
  return groups.map((group) => ({
    ...group,
    sessionId: rows.filter((row) => row.owner === group.owner && row.name === group.name && row.application === group.application).map((row) => row.sessionId),
  }));
}

/**
 * Casdoor's Session objects over our session table (one row per browser session): the live rows
 * grouped by owner, user and application, created when the group's first session was.
 */
export async function listSessionGroups(context: AppContext, scope: { owner?: string }, options: ListOptions): Promise<{ data: Session[]; total: number | null }> {
  const grouped = liveSessions(context, scope, options)
    .select(['owner', 'name', 'application', sql<string>`min(${sql.ref('createdTime')})`.as('createdTime')])
    .groupBy(['owner', 'name', 'application']);
  let page = grouped.orderBy(sql.ref(options.sort.column), options.sort.direction).orderBy('name').orderBy('application');
  if (options.page) page = page.limit(options.page.limit).offset(options.page.offset);
  const [groups, total] = await Promise.all([
    page.execute(),
    options.page
      ? context.db
          .selectFrom(liveSessions(context, scope, options).select(['owner', 'name', 'application']).groupBy(['owner', 'name', 'application']).as('groups'))
          .select(sql<number>`count(*)`.as('count'))
          .executeTakeFirst()
          .then((row) => Number(row?.count ?? 0))
      : Promise.resolve(null),
  ]);
  return { data: await withSessionIds(context, groups), total };
}

export async function findSessionGroup(context: AppContext, key: SessionGroupKey): Promise<Session | null> {
  const rows = await liveSessions(context, { owner: key.owner })
    .select(['sessionId', 'createdTime'])
    .where('name', '=', key.name)
    .where('application', '=', key.application)
    .orderBy('createdTime')
    .execute();
  if (rows.length === 0) return null;
  return { ...key, createdTime: rows[0]!.createdTime, sessionId: rows.map((row) => row.sessionId) };
}

export type { SessionRecord };
