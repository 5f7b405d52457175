import { Elysia, NotFoundError } from 'elysia';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Logger } from '../../core/logging/logger.ts';
import { redactPathAndQuery } from '../../core/logging/redact.ts';
import { MAX_BODY_DEPTH, nestsDeeperThan } from '../body-depth.ts';
import { isOddApiSpelling } from '../canonical-path.ts';
import { containsNul } from '../nul-character.ts';
import { pathAndQueryOf, pathOf } from '../paths.ts';
import { clientAddress } from '../request-info.ts';
import { requestStateOf, startRequestState } from '../request-state.ts';

export interface RequestContextOptions {
  log: Logger;
  trustProxy: boolean;
  bodyLimit: number;
  /** The larger limit of the routes that take a file. */
  uploadLimit: number;
}

/** The routes that take a file upload, and so the upload limit. */
const UPLOAD_PATHS = new Set(['/api/upload-users', '/api/upload-resource']);

/**
 * Gives every request its state (http/request-state.ts: an id echoed as X-Request-Id, its language,
 * client address and canonical path, and room for its caller and audit note), then refuses
 * oversized bodies up front, bodies nested too deeply and input holding NUL once parsed, and
 * writes one JSON log line per request with secrets redacted. A path under /api spelled oddly
 * (`/api/LOGIN`, `/api//login`, `/api/%6Cogin`, `/api/./login`) is no route: it is refused here,
 * before any limit, CORS decision or record could see it under another name than its route's.
 */
export function requestContext({ log, trustProxy, bodyLimit, uploadLimit }: RequestContextOptions) {
  const plugin = new Elysia({ name: 'request-context' })
    .onRequest(({ request, server, set }) => {
      const state = startRequestState(request, clientAddress(request, server, trustProxy));
      set.headers['x-request-id'] = state.id;
      if (isOddApiSpelling(pathOf(request))) throw new NotFoundError();
      const length = request.headers.get('content-length');
      if (length !== null && Number(length) > (UPLOAD_PATHS.has(state.routePath) ? uploadLimit : bodyLimit))
        throw new ApiError('general.body_too_large');
    })
    // After the body is parsed and before it is validated: checking a deeply nested value would overflow the stack.
    .onTransform({ as: 'global' }, ({ body, query, params }) => {
      if (nestsDeeperThan(body, MAX_BODY_DEPTH)) throw new ApiError('general.body_too_deep');
      if (containsNul(query) || containsNul(params) || containsNul(body)) throw new ApiError('general.nul_character');
    });
  // Below the info level no request line is written, so none is built.
  if (!log.enabled('info')) return plugin;
  return plugin.onAfterResponse({ as: 'global' }, ({ request, set }) => {
    const info = requestStateOf(request);
    log.info('request', {
      requestId: info.id,
      method: request.method,
      path: redactPathAndQuery(pathAndQueryOf(request)),
      status: typeof set.status === 'number' ? set.status : Number(set.status) || 200,
      durationMs: Math.round((performance.now() - info.startedAt) * 100) / 100,
      clientIp: info.clientIp || undefined,
    });
  });
}
