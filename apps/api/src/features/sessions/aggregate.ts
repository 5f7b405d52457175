import {
  findLiveSessionsOfGroup,
  findLiveSessionsOfGroups,
  findSessionGroupRecord,
  listLiveSessionGroups,
  type SessionGroupKey,
  type SessionRecord,
} from '@latchkey/db';
import type { Session } from '@latchkey/types';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import type { ListOptions } from '../objects/list-query.ts';

export type { SessionGroupKey };

export const sessionPkId = (key: SessionGroupKey) => `${key.owner}/${key.name}/${key.application}`;

/** The session ids of some groups, as Casdoor's Session objects (one per user and application). */
async function withSessionIds(
  context: AppContext,
  groups: (SessionGroupKey & { createdTime: string })[],
): Promise<Session[]> {
  if (groups.length === 0) return [];
  const rows = await findLiveSessionsOfGroups(context.db, nowSeconds(context), groups);
  return groups.map((group) => ({
    ...group,
    sessionId: rows
      .filter((row) => row.owner === group.owner && row.name === group.name && row.application === group.application)
      .map((row) => row.sessionId),
  }));
}

/**
 * Casdoor's Session objects over our session table (one row per browser session): the live rows
 * grouped by owner, user and application, and the groups add-session recorded (which stay while
 * none of their sessions is live); created when recorded, else when the group's first session was.
 */
export async function listSessionGroups(
  context: AppContext,
  scope: { owner?: string },
  options: ListOptions,
): Promise<{ data: Session[]; total: number | null }> {
  const { groups, total } = await listLiveSessionGroups(
    context.db,
    context.dialect,
    { now: nowSeconds(context), owner: scope.owner, filters: options.filters },
    { sort: options.sort, page: options.page },
  );
  return { data: await withSessionIds(context, groups), total };
}

export async function findSessionGroup(context: AppContext, key: SessionGroupKey): Promise<Session | null> {
  const [rows, record] = await Promise.all([
    findLiveSessionsOfGroup(context.db, context.dialect, nowSeconds(context), key),
    findSessionGroupRecord(context.db, key),
  ]);
  if (rows.length === 0 && !record) return null;
  return {
    ...key,
    createdTime: record?.createdTime ?? rows[0]!.createdTime,
    sessionId: rows.map((row) => row.sessionId),
  };
}

export type { SessionRecord };
