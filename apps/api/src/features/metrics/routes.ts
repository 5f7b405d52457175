import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { requireGlobalAdmin } from '../../core/identity/privileges.ts';
import { metrics } from '../../core/metrics/metrics.ts';
import { auth } from '../../http/plugins/auth.ts';
import { answer } from '../openapi/describe.ts';
import { isDirectLoopback } from './access.ts';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * GET /api/metrics in the Prometheus text format. Readable without credentials only from this
 * machine (a direct loopback connection, nothing forwarded); from anywhere else the caller must be a
 * global administrator (a user or an application of organization built-in, e.g. with HTTP Basic).
 */
export function metricsRoutes(context: AppContext) {
  return new Elysia({ name: 'metrics', prefix: '/api' }).use(auth(context)).get(
    '/metrics',
    ({ identity, request, server, set }) => {
      if (!isDirectLoopback(request, server)) requireGlobalAdmin(identity);
      set.headers['content-type'] = PROMETHEUS_CONTENT_TYPE;
      set.headers['cache-control'] = 'no-store';
      return metrics.render();
    },
    {
      anyone: true,
      detail: {
        summary: 'Prometheus metrics: requests by route and status, latency, tokens issued, refused sign-ins',
        description:
          'Anonymous from a direct loopback connection; otherwise a global administrator (user or application of organization built-in).',
        tags: ['System'],
        responses: { 200: answer('Metrics in the Prometheus text format 0.0.4', 'text/plain') },
      },
    },
  );
}
