import { Elysia, NotFoundError } from 'elysia';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Logger } from '../../core/logging/logger.ts';
import { redactPathAndQuery } from '../../core/logging/redact.ts';
import { MAX_BODY_DEPTH, nestsDeeperThan } from '../body-depth.ts';
import { canonicalPath, isOddApiSpelling } from '../canonical-path.ts';
import { containsNul } from '../nul-character.ts';
import { isRecordedRead, pathAndQueryOf, pathOf } from '../paths.ts';
import { type ClientAddressSource, clientAddress } from '../request-info.ts';
import { type ClientAddressOf, requestStateOf, startRequestState } from '../request-state.ts';
import type { RequestStep } from './request-step.ts';

export interface RequestContextOptions {
  log: Logger;
  trustProxy: boolean;
  bodyLimit: number;
  /** The larger limit of the routes that take a file. */
  uploadLimit: number;
  /** The server the app listens on, which knows each connection's address (none under `app.handle`). */
  server?: () => ClientAddressSource | null | undefined;
}

/** Methods that change nothing: their requests are not recorded unless a route notes an action. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The routes that take a file upload, and so the upload limit. */
const UPLOAD_PATHS = new Set(['/api/upload-users', '/api/upload-resource']);

/**
 * The first step of every request: gives it its state (http/request-state.ts: an id echoed as
 * X-Request-Id, its language, client address and canonical path, and room for its caller and audit
 * note) and refuses oversized bodies up front. A path under /api spelled oddly (`/api/LOGIN`,
 * `/api//login`, `/api/%6Cogin`, `/api/./login`) is no route: it is refused here, before any limit,
 * CORS decision or record could see it under another name than its route's.
 */
export function arrival({ log, trustProxy, bodyLimit, uploadLimit, server }: RequestContextOptions): RequestStep {
  const addressOf: ClientAddressOf = (request) => clientAddress(request, server?.(), trustProxy);
  const logsRequests = log.enabled('info');
  return (request, set) => {
    const path = pathOf(request);
    const routePath = canonicalPath(path);
    const state = startRequestState(request, addressOf, routePath);
    set.headers['x-request-id'] = state.id;
    if (routePath !== path && isOddApiSpelling(path, routePath)) throw new NotFoundError();
    // The connection's address is gone once the answer is out: what is logged or recorded then
    // needs it now. Other requests look it up only if something asks (a limit, a sign-in).
    if (logsRequests || !SAFE_METHODS.has(request.method) || isRecordedRead(routePath)) void state.clientIp;
    const length = request.headers.get('content-length');
    if (length !== null && Number(length) > (UPLOAD_PATHS.has(routePath) ? uploadLimit : bodyLimit))
      throw new ApiError('general.body_too_large');
    return undefined;
  };
}

/**
 * After the body is parsed and before it is validated: refuses bodies nested too deeply (checking
 * one would overflow the stack) and input holding NUL.
 */
export function checkParsedInput({ body, query, params }: { body: unknown; query: unknown; params: unknown }): void {
  if (nestsDeeperThan(body, MAX_BODY_DEPTH)) throw new ApiError('general.body_too_deep');
  if (containsNul(query) || containsNul(params) || containsNul(body)) throw new ApiError('general.nul_character');
}

/** The status a request was answered with, as the hooks after the answer see it. */
export function answeredStatus(set: { status?: number | string }, responseValue: unknown): number {
  if (responseValue instanceof Response) return responseValue.status;
  return typeof set.status === 'number' ? set.status : Number(set.status) || 200;
}

/** One JSON log line per request, secrets redacted from its query. */
export function logRequest(log: Logger, request: Request, status: number): void {
  const info = requestStateOf(request);
  log.info('request', {
    requestId: info.id,
    method: request.method,
    path: redactPathAndQuery(pathAndQueryOf(request)),
    status,
    durationMs: Math.round((performance.now() - info.startedAt) * 100) / 100,
    clientIp: info.clientIp || undefined,
  });
}

/**
 * The request context on its own (request-pipeline.ts runs it with the other steps): the arrival
 * step, the parsed-input check and the request's log line.
 */
export function requestContext(options: RequestContextOptions) {
  const arrive = arrival(options);
  const plugin = new Elysia({ name: 'request-context' })
    .onRequest(({ request, set }) => {
      arrive(request, set);
    })
    .onTransform({ as: 'global' }, checkParsedInput);
  // Below the info level no request line is written, so none is built.
  if (!options.log.enabled('info')) return plugin;
  return plugin.onAfterResponse({ as: 'global' }, ({ request, set }) => {
    logRequest(options.log, request, answeredStatus(set, undefined));
  });
}
