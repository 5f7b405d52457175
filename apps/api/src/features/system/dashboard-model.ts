import { type Static, Type as T } from '@sinclair/typebox';

export const DashboardQuery = T.Object({
  organization: T.Optional(
    T.String({ description: 'The organization to count; empty = every organization (global administrators only)' }),
  ),
});

export const DashboardDay = T.Object({
  date: T.String({ description: 'YYYY-MM-DD (UTC)' }),
  signups: T.Integer({ description: 'Users created that day' }),
  signins: T.Integer({ description: 'Successful sign-ins recorded that day' }),
});

export const Dashboard = T.Object({
  organization: T.String({ description: 'The organization counted; empty = all' }),
  users: T.Integer(),
  applications: T.Integer(),
  organizations: T.Integer(),
  activeSessions: T.Integer({ description: 'Sign-in sessions that have not expired' }),
  days: T.Array(DashboardDay, { description: 'The last 30 days, oldest first' }),
});

export type Dashboard = Static<typeof Dashboard>;
export type DashboardDay = Static<typeof DashboardDay>;
