import { sql } from 'kysely';
import { nowSeconds, type AppContext } from '../../context.ts';
import type { Dashboard, DashboardDay } from './model.ts';

export const DASHBOARD_DAYS = 30;

/** The dates (UTC, YYYY-MM-DD) of the last `count` days ending today, oldest first. */
export function lastDays(now: Date, count = DASHBOARD_DAYS): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, index) => new Date(today - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10));
}

const day = sql<string>`substr(${sql.ref('createdTime')}, 1, 10)`;

async function perDay(context: AppContext, table: 'user' | 'record', organization: string, since: string): Promise<Map<string, number>> {
  let query = context.db
    .selectFrom(table)
    .select([day.as('day'), (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('createdTime', '>=', since)
    .groupBy(day);
  if (organization) query = query.where('owner', '=', organization);
  if (table === 'record') {
    // A sign-in is a recorded call of /api/login that succeeded.
    query = query
      .where('action', '=', 'login')
      .where('statusCode', '<', 400)
      .where((eb) => eb.or([eb('response', '=', ''), eb('response', 'not like', '%"status":"error"%')]));
  }
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.day, Number(row.count)]));
}

async function count(query: { executeTakeFirst(): Promise<{ count: string | number | bigint } | undefined> }): Promise<number> {
  return Number((await query.executeTakeFirst())?.count ?? 0);
}

/**
 * What the console's dashboard shows for one organization ('' = all): object counts, active
 * sessions, and sign-ups and sign-ins per day over the last 30 days.
 */
export async function buildDashboard(context: AppContext, organization: string): Promise<Dashboard> {
  const dates = lastDays(context.clock.now());
  const since = dates[0]!;
  const db = context.db;
  const users = db.selectFrom('user').select((eb) => eb.fn.countAll<string | number>().as('count')).where('isDeleted', '=', 0);
  const applications = db.selectFrom('application').select((eb) => eb.fn.countAll<string | number>().as('count'));
  const organizations = db.selectFrom('organization').select((eb) => eb.fn.countAll<string | number>().as('count'));
  const sessions = db.selectFrom('session').select((eb) => eb.fn.countAll<string | number>().as('count')).where('expireTime', '>', nowSeconds(context));
  const [userCount, applicationCount, organizationCount, sessionCount, signups, signins] = await Promise.all([
    count(organization ? users.where('owner', '=', organization) : users),
    count(organization ? applications.where('organization', '=', organization) : applications),
    count(organization ? organizations.where('name', '=', organization) : organizations),
    count(organization ? sessions.where('owner', '=', organization) : sessions),
    perDay(context, 'user', organization, since),
    perDay(context, 'record', organization, since),
  ]);
  const days: DashboardDay[] = dates.map((date) => ({ date, signups: signups.get(date) ?? 0, signins: signins.get(date) ?? 0 }));
  return { organization, users: userCount, applications: applicationCount, organizations: organizationCount, activeSessions: sessionCount, days };
}
