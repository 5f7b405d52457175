import { Elysia } from 'elysia';
import { metrics } from '../../core/metrics/metrics.ts';
import { requestStateOf } from '../request-state.ts';

/** Requests that matched no route are counted under this one label, so random paths cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Counts every answered request by method, route pattern and status, and observes its latency. */
export function requestMetrics() {
  return new Elysia({ name: 'request-metrics' }).onAfterResponse(
    { as: 'global' },
    ({ request, route, set, responseValue }) => {
      const status =
        responseValue instanceof Response
          ? responseValue.status
          : typeof set.status === 'number'
            ? set.status
            : Number(set.status) || 200;
      const seconds = Math.max(0, performance.now() - requestStateOf(request).startedAt) / 1000;
      metrics.recordRequest(request.method, route || UNMATCHED_ROUTE, status, seconds);
    },
  );
}
