import { Envelope } from '@latchkey/types';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { requireAdminOf } from '../../core/identity/privileges.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { Dashboard, DashboardQuery } from './dashboard-model.ts';
import { buildDashboard } from './dashboard-service.ts';

/** The console's dashboard: administrators only, scoped to the caller's organization. */
export function dashboardRoutes(context: AppContext) {
  return new Elysia({ name: 'dashboard', prefix: '/api' }).use(auth(context)).get(
    '/get-dashboard',
    async ({ identity, query }) => {
      // A global administrator may ask for any organization or all (''); anyone else sees their own only.
      const organization = identity.isGlobalAdmin
        ? (query.organization ?? '')
        : query.organization || identity.organization;
      if (organization) requireAdminOf(identity, organization);
      return ok(await buildDashboard(context, organization));
    },
    {
      admin: true,
      query: DashboardQuery,
      response: Envelope(Dashboard),
      detail: {
        summary: 'Counts, active sessions, and sign-ups and sign-ins per day over 30 days, for the console',
        tags: ['Dashboard'],
      },
    },
  );
}
