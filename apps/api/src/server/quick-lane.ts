import type { AppContext } from '../core/context.ts';
import type { Logger } from '../core/logging/logger.ts';
import { metrics } from '../core/metrics/metrics.ts';
import { JSON_CONTENT_TYPE } from '../http/json-answer.ts';
import { type ClientAddressSource, clientAddress } from '../http/request-info.ts';
import { requestIdOf } from '../http/request-state.ts';
import { quickAccount } from './quick-account.ts';
import { quickHealth } from './quick-health.ts';

/** The JSON text of a route's 200 answer to a request, when it can be given without the pipeline; else undefined. */
export type QuickAnswer = (request: Request) => string | undefined;

/** Headers that ask for a step of the request pipeline: Origin for CORS, a cookie session, a body. */
const PIPELINE_HEADERS = ['origin', 'cookie', 'content-length', 'transfer-encoding'];

/**
 * The two most frequent requests, answered before the request pipeline when they need none of its
 * steps: a probe of `GET /api/health` (quick-health.ts) and `GET /api/get-account` with a
 * remembered bearer token (quick-account.ts). Exactly those paths, GET, no query, none of the
 * headers above. The answer is the route's own (the same body and headers, X-Request-Id kept or
 * made), counted in the metrics and logged as the pipeline does. Every other request, and any of
 * these that its answer leaves out, gets `undefined`: the app answers.
 */
export function quickLane(
  context: AppContext,
): (request: Request, server: ClientAddressSource | null | undefined) => Response | undefined {
  const answers = new Map<string, QuickAnswer>([
    ['/api/health', quickHealth(context)],
    ['/api/get-account', quickAccount(context)],
  ]);
  const paths = [...answers.keys()];
  const { log, config } = context;
  const logsRequests = log.enabled('info');
  return (request, server) => {
    if (request.method !== 'GET') return undefined;
    const path = quickPathOf(request.url, paths);
    if (path === undefined) return undefined;
    const answer = answers.get(path)!;
    const headers = request.headers;
    for (const name of PIPELINE_HEADERS) if (headers.has(name)) return undefined;
    const startedAt = performance.now();
    const json = answer(request);
    if (json === undefined) return undefined;
    const id = requestIdOf(request);
    const response = new Response(json, {
      headers: { 'content-type': JSON_CONTENT_TYPE, vary: 'Origin', 'x-request-id': id },
    });
    metrics.recordRequest('GET', path, 200, (performance.now() - startedAt) / 1000);
    if (logsRequests) logAnswer(log, path, id, startedAt, clientAddress(request, server, config.trustProxy));
    return response;
  };
}

/** Which of `paths` an absolute URL's path is exactly (no query), without making a string. */
function quickPathOf(url: string, paths: readonly string[]): string | undefined {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return undefined;
  const length = url.length - start;
  for (const path of paths) if (length === path.length && url.endsWith(path)) return path;
  return undefined;
}

function logAnswer(log: Logger, path: string, requestId: string, startedAt: number, clientIp: string): void {
  log.info('request', {
    requestId,
    method: 'GET',
    path,
    status: 200,
    durationMs: Math.round((performance.now() - startedAt) * 100) / 100,
    clientIp: clientIp || undefined,
  });
}
