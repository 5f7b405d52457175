import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The UTC date (YYYY-MM-DD) of a row's creation time. */
const day = sql<string>`substr(${sql.ref('createdTime')}, 1, 10)`;

async function count(query: {
  executeTakeFirst(): Promise<{ count: string | number | bigint } | undefined>;
}): Promise<number> {
  return Number((await query.executeTakeFirst())?.count ?? 0);
}

/**
 * How many users (not deleted), applications, organizations and unexpired sessions there are, in
 * one organization ('' = in all). `nowSeconds` is the time sessions are judged by.
 */
export async function countDashboardObjects(
  db: Db,
  organization: string,
  nowSeconds: number,
): Promise<{ users: number; applications: number; organizations: number; activeSessions: number }> {
  const users = db
    .selectFrom('user')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('isDeleted', '=', 0);
  const applications = db.selectFrom('application').select((eb) => eb.fn.countAll<string | number>().as('count'));
  const organizations = db.selectFrom('organization').select((eb) => eb.fn.countAll<string | number>().as('count'));
  const sessions = db
    .selectFrom('session')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('expireTime', '>', nowSeconds);
  const [userCount, applicationCount, organizationCount, sessionCount] = await Promise.all([
    count(organization ? users.where('owner', '=', organization) : users),
    count(organization ? applications.where('organization', '=', organization) : applications),
    count(organization ? organizations.where('name', '=', organization) : organizations),
    count(organization ? sessions.where('owner', '=', organization) : sessions),
  ]);
  return {
    users: userCount,
    applications: applicationCount,
    organizations: organizationCount,
    activeSessions: sessionCount,
  };
}

/**
 * Per UTC day since `since` (YYYY-MM-DD), in one organization ('' = in all): the users created
 * (`user`), or the successful sign-ins, the recorded calls of /api/login that succeeded (`record`).
 */
export async function countPerDay(
  db: Db,
  table: 'user' | 'record',
  organization: string,
  since: string,
): Promise<Map<string, number>> {
  let query = db
    .selectFrom(table)
    .select([day.as('day'), (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('createdTime', '>=', since)
    .groupBy(day);
  if (organization) query = query.where('owner', '=', organization);
  if (table === 'record') {
    query = query
      .where('action', '=', 'login')
      .where('statusCode', '<', 400)
      .where((eb) => eb.or([eb('response', '=', ''), eb('response', 'not like', '%"status":"error"%')]));
  }
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.day, Number(row.count)]));
}
