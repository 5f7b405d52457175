import { countDashboardObjects, countPerDay } from '@latchkey/db';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import type { Dashboard, DashboardDay } from './dashboard-model.ts';

export const DASHBOARD_DAYS = 30;

/** The dates (UTC, YYYY-MM-DD) of the last `count` days ending today, oldest first. */
export function lastDays(now: Date, count = DASHBOARD_DAYS): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, index) =>
    new Date(today - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * What the console's dashboard shows for one organization ('' = all): object counts, active
 * sessions, and sign-ups and sign-ins per day over the last 30 days.
 */
export async function buildDashboard(context: AppContext, organization: string): Promise<Dashboard> {
  const dates = lastDays(context.clock.now());
  const since = dates[0]!;
  const [counts, signups, signins] = await Promise.all([
    countDashboardObjects(context.db, organization, nowSeconds(context)),
    countPerDay(context.db, 'user', organization, since),
    countPerDay(context.db, 'record', organization, since),
  ]);
  const days: DashboardDay[] = dates.map((date) => ({
    date,
    signups: signups.get(date) ?? 0,
    signins: signins.get(date) ?? 0,
  }));
  return { organization, ...counts, days };
}
