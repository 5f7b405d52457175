import type { AppContext } from '../core/context.ts';
import { healthCheckOf } from '../features/system/health-check.ts';
import { ok } from '../http/envelope.ts';
import type { QuickAnswer } from './quick-lane.ts';

const HEALTHY = JSON.stringify(ok());

/**
 * `GET /api/health` as load balancers and liveness probes send it (no credential): the route's
 * answer, given only while a database round trip of the last second vouches for the database.
 */
export function quickHealth(context: Pick<AppContext, 'db'>): QuickAnswer {
  const health = healthCheckOf(context);
  return (request) => (!request.headers.has('authorization') && health.check() === undefined ? HEALTHY : undefined);
}
