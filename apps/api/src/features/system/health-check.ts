import { pingDatabase } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { databaseReachability } from './database-reachability.ts';

export type HealthCheck = ReturnType<typeof databaseReachability>;

const checks = new WeakMap<AppContext['db'], HealthCheck>();

/**
 * The database reachability behind /api/health, one per database: the route and the server's quick
 * answer to probes (server/quick-health.ts) share its round trips.
 */
export function healthCheckOf(context: Pick<AppContext, 'db'>): HealthCheck {
  let check = checks.get(context.db);
  if (!check) {
    check = databaseReachability(
      () => pingDatabase(context.db),
      () => performance.now(),
    );
    checks.set(context.db, check);
  }
  return check;
}
