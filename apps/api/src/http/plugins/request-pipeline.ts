import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { settleAddressFailure } from '../rate-limit/failed-credentials.ts';
import type { ClientAddressSource } from '../request-info.ts';
import { requestStateOf } from '../request-state.ts';
import { authenticateBeforeBody, type RegisteredRoute } from './authenticate-before-body.ts';
import { corsOrigin } from './cors.ts';
import { corsForCaller } from './cors-caller.ts';
import { moveHeadersInto } from './headers-into-response.ts';
import { rateLimitAdmission, rateLimitOnError } from './rate-limit.ts';
import { answeredStatus, arrival, checkParsedInput, logRequest } from './request-context.ts';
import { recordRequestMetrics } from './request-metrics.ts';
import { type RequestStep, runSteps } from './request-step.ts';

export interface RequestPipelineOptions {
  /** The server the app listens on, which knows each connection's address (none under `app.handle`). */
  server: () => ClientAddressSource | null | undefined;
  /** The routes registered after the pipeline, read once the app is built (for the body guard). */
  routes: () => readonly RegisteredRoute[];
}

/**
 * What happens to every request around its route, composed once when the app is built: one hook
 * when the request arrives, running these steps in order until one answers, each going on at once
 * when it has nothing to do (most requests wait for none of them):
 * 1. arrival (request-context.ts): the request's state and id, odd spellings and oversized bodies refused;
 * 2. CORS for the Origin (cors.ts): preflights answered, foreign origins refused;
 * 3. limits on guessing (rate-limit.ts), which must count a query password before it is checked;
 * 4. CORS for the caller (cors-caller.ts), for origins trusted by some organizations only;
 * 5. the body guard (authenticate-before-body.ts): callers a route does not serve are refused before
 *    its body is read.
 * Then the parsed input is checked (depth, NUL), failures are counted for the limits, a password
 * attempt that succeeded gives its count back before the answer goes out, a route's own Response takes
 * the headers the steps set (headers-into-response.ts), and once the answer is out one hook counts it
 * in the metrics and writes its log line.
 */
export function requestPipeline(context: AppContext, { server, routes }: RequestPipelineOptions) {
  const { log, config } = context;
  const steps: RequestStep[] = [
    arrival({
      log,
      trustProxy: config.trustProxy,
      bodyLimit: config.bodyLimit,
      uploadLimit: config.uploadLimit,
      server,
    }),
    corsOrigin(context),
    rateLimitAdmission(context),
    corsForCaller(context),
    authenticateBeforeBody(context, routes),
  ];
  // Below the info level no request line is written, so none is built.
  const logsRequests = log.enabled('info');
  const notGivenBack = (request: Request) => (error: unknown) =>
    log.warn('rate-limit count not given back', { requestId: requestStateOf(request).id, error: errorMessage(error) });
  return (
    new Elysia({ name: 'request-pipeline' })
      .onRequest(async ({ request, set }) => runSteps(steps, request, set))
      .onTransform({ as: 'global' }, checkParsedInput)
      .onError({ as: 'global' }, async ({ request, error, set }) => rateLimitOnError(context, request, error, set))
      // Before the answer goes out, so that the client's next request finds the count given back.
      .onAfterHandle({ as: 'global' }, async ({ request }) => {
        await settleAddressFailure(context, request);
      })
      .mapResponse({ as: 'global' }, ({ responseValue, set }) => {
        moveHeadersInto(responseValue, set);
      })
      .onAfterResponse({ as: 'global' }, ({ request, route, set, responseValue }) => {
        const status = answeredStatus(set, responseValue);
        recordRequestMetrics(request, route, status);
        if (logsRequests) logRequest(log, request, status);
        // Whatever answered the request otherwise: a count held for it is not kept.
        settleAddressFailure(context, request)?.catch(notGivenBack(request));
      })
  );
}
