import type { AppContext } from '../core/context.ts';
import type { Logger } from '../core/logging/logger.ts';
import { metrics } from '../core/metrics/metrics.ts';
import { healthCheckOf } from '../features/system/health-check.ts';
import { ok } from '../http/envelope.ts';
import { type ClientAddressSource, clientAddress } from '../http/request-info.ts';
import { requestIdOf } from '../http/request-state.ts';

const HEALTH_PATH = '/api/health';
const HEALTHY_BODY = JSON.stringify(ok());

/** Headers a probe's request may not carry to be answered here: each asks for a step of the request pipeline. */
const PIPELINE_HEADERS = ['origin', 'authorization', 'cookie', 'content-length', 'transfer-encoding'];

/**
 * `GET /api/health` as load balancers and liveness probes send it, answered without the request
 * pipeline: exactly that path, no query, and none of the headers that ask for a step of it (no
 * Origin for CORS, no credential for the limits or the body guard, no body). The answer is the
 * route's own (the same body and headers, X-Request-Id kept or made), counted in the metrics and
 * logged as the pipeline does. It is given only while a database round trip of the last second
 * vouches for the database; otherwise, and for every other request, `undefined`: the app answers.
 */
export function quickHealth(
  context: Pick<AppContext, 'db' | 'config' | 'log'>,
): (request: Request, server: ClientAddressSource | null | undefined) => Response | undefined {
  const health = healthCheckOf(context);
  const { log, config } = context;
  const logsRequests = log.enabled('info');
  return (request, server) => {
    if (request.method !== 'GET' || !isHealthUrl(request.url)) return undefined;
    const headers = request.headers;
    for (const name of PIPELINE_HEADERS) if (headers.has(name)) return undefined;
    if (health.check() !== undefined) return undefined;
    const startedAt = performance.now();
    const id = requestIdOf(request);
    const response = new Response(HEALTHY_BODY, {
      headers: { vary: 'Origin', 'content-type': 'application/json;charset=utf-8', 'x-request-id': id },
    });
    metrics.recordRequest('GET', HEALTH_PATH, 200, (performance.now() - startedAt) / 1000);
    if (logsRequests) logProbe(log, request, id, startedAt, clientAddress(request, server, config.trustProxy));
    return response;
  };
}

/** Whether the URL's path is exactly /api/health, with no query. */
function isHealthUrl(url: string): boolean {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start > 0 && url.length - start === HEALTH_PATH.length && url.endsWith(HEALTH_PATH);
}

function logProbe(log: Logger, request: Request, requestId: string, startedAt: number, clientIp: string): void {
  log.info('request', {
    requestId,
    method: request.method,
    path: HEALTH_PATH,
    status: 200,
    durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
    clientIp: clientIp || undefined,
  });
}
