import { type Expression, type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { DialectName } from '../create-db.ts';
import type { Database } from '../database.ts';
import { containsText } from '../dialect.ts';
import type { RowFilter, RowQuery } from './objects.ts';
import type { SessionRecord } from './sessions.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A user's sessions in one application: Casdoor's Session object is one such group. */
export interface SessionGroupKey {
  owner: string;
  name: string;
  application: string;
}

/** Which live sessions to group: those of an organization (or all), matching every filter. */
export interface LiveSessionScope {
  /** Unix seconds: sessions expiring at or before it are not live. */
  now: number;
  owner?: string;
  /** Filters on whitelisted session columns. */
  filters?: RowFilter[];
}

function liveSessions(db: Db, dialect: DialectName, scope: LiveSessionScope) {
  let query = db.selectFrom('session').where('expireTime', '>', scope.now);
  if (scope.owner) query = query.where('owner', '=', scope.owner);
  for (const filter of scope.filters ?? []) {
    const condition: Expression<SqlBool> =
      filter.match === 'contains'
        ? containsText(dialect, sql.ref(filter.column), String(filter.value))
        : sql<SqlBool>`${sql.ref(filter.column)} = ${filter.value}`;
    query = query.where(condition);
  }
  return query;
}

/**
 * The groups of live sessions (one per user and application), each with the time its first
 * session was created, in the given order and page; with a page, also the number of groups.
 */
export async function listLiveSessionGroups(
  db: Db,
  dialect: DialectName,
  scope: LiveSessionScope,
  options: { sort: NonNullable<RowQuery['sort']>; page?: RowQuery['page'] },
): Promise<{ groups: (SessionGroupKey & { createdTime: string })[]; total: number | null }> {
  const grouped = liveSessions(db, dialect, scope)
    .select(['owner', 'name', 'application', sql<string>`min(${sql.ref('createdTime')})`.as('createdTime')])
    .groupBy(['owner', 'name', 'application']);
  let page = grouped
    .orderBy(sql.ref(options.sort.column), options.sort.direction)
    .orderBy('name')
    .orderBy('application');
  if (options.page) page = page.limit(options.page.limit).offset(options.page.offset);
  const [groups, total] = await Promise.all([
    page.execute(),
    options.page
      ? db
          .selectFrom(
            liveSessions(db, dialect, scope)
              .select(['owner', 'name', 'application'])
              .groupBy(['owner', 'name', 'application'])
              .as('groups'),
          )
          .select(sql<number>`count(*)`.as('count'))
          .executeTakeFirst()
          .then((row) => Number(row?.count ?? 0))
      : Promise.resolve(null),
  ]);
  return { groups, total };
}

/** The live sessions of some groups (ids and groups), oldest first. */
export async function findLiveSessionsOfGroups(
  db: Db,
  now: number,
  groups: readonly SessionGroupKey[],
): Promise<(SessionGroupKey & { sessionId: string })[]> {
  if (groups.length === 0) return [];
  return db
    .selectFrom('session')
    .select(['sessionId', 'owner', 'name', 'application'])
    .where('expireTime', '>', now)
    .where((eb) =>
      eb.or(
        groups.map((group) =>
          eb.and([
            eb('owner', '=', group.owner),
            eb('name', '=', group.name),
            eb('application', '=', group.application),
          ]),
        ),
      ),
    )
    .orderBy('createdTime')
    .execute();
}

/** The live sessions of one group (ids and creation times), oldest first. */
export async function findLiveSessionsOfGroup(
  db: Db,
  dialect: DialectName,
  now: number,
  key: SessionGroupKey,
): Promise<{ sessionId: string; createdTime: string }[]> {
  return liveSessions(db, dialect, { now, owner: key.owner })
    .select(['sessionId', 'createdTime'])
    .where('name', '=', key.name)
    .where('application', '=', key.application)
    .orderBy('createdTime')
    .execute();
}

/** The sessions with some ids, whoever holds them. */
export async function findSessionsWithIds(db: Db, sessionIds: readonly string[]): Promise<SessionRecord[]> {
  if (sessionIds.length === 0) return [];
  return db
    .selectFrom('session')
    .selectAll()
    .where('sessionId', 'in', [...sessionIds])
    .execute();
}

/**
 * Removes sessions of one group: the one with `sessionId`, or all but those in `keep` (every one
 * when neither is given); answers how many went.
 */
export async function deleteSessionsOfGroup(
  db: Db,
  key: SessionGroupKey,
  which: { sessionId?: string; keep?: readonly string[] } = {},
): Promise<number> {
  let query = db
    .deleteFrom('session')
    .where('owner', '=', key.owner)
    .where('name', '=', key.name)
    .where('application', '=', key.application);
  if (which.sessionId) query = query.where('sessionId', '=', which.sessionId);
  if (which.keep && which.keep.length > 0) query = query.where('sessionId', 'not in', [...which.keep]);
  return Number((await query.executeTakeFirst()).numDeletedRows);
}

/** Adds session rows in one statement. */
export async function insertSessions(db: Db, sessions: readonly SessionRecord[]): Promise<void> {
  if (sessions.length > 0)
    await db
      .insertInto('session')
      .values([...sessions])
      .execute();
}
