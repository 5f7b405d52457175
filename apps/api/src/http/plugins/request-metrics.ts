import { metrics } from '../../core/metrics/metrics.ts';
import { requestStateOf } from '../request-state.ts';

/** Requests that matched no route are counted under this one label, so random paths cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Counts an answered request by method, route pattern and status, and observes its latency. */
export function recordRequestMetrics(request: Request, route: string | undefined, status: number): void {
  const seconds = Math.max(0, performance.now() - requestStateOf(request).startedAt) / 1000;
  metrics.recordRequest(request.method, route || UNMATCHED_ROUTE, status, seconds);
}
