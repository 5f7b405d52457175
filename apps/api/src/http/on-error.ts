import { valueRefusedByDatabase } from '@latchkey/db';
import { type Language, type MessageKey, type MessageParams, translate } from '@latchkey/i18n';
import { Elysia } from 'elysia';
import { apiErrorOf } from '../core/errors/api-error.ts';
import { errorMessage } from '../core/errors/error-message.ts';
import { OAuthError, oauthErrorDescription } from '../core/errors/oauth-error.ts';
import type { Logger } from '../core/logging/logger.ts';
import { isOAuthJsonPath, pathOf } from './paths.ts';
import { requestStateOf } from './request-state.ts';

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

function envelope(
  language: Language,
  code: MessageKey,
  params: MessageParams | undefined,
  data: unknown,
  status = 200,
) {
  return json({ status: 'error', msg: translate(language, code, params), data, data2: null }, status);
}

/** RFC 6749 §5.2 JSON; the description is English in the RFC's character set, whatever the caller's language. */
function oauthBody(error: OAuthError) {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (error.status === 401) headers['www-authenticate'] = 'Basic realm="OAuth2"';
  return json(
    { error: error.error, error_description: oauthErrorDescription(error.description, error.params) },
    error.status,
    headers,
  );
}

/** The first property a validation error complains about, as a dotted path (`owner`, `users.0`). */
function invalidField(error: unknown): string {
  const detail = error as { valueError?: { path?: string }; all?: { path?: string }[] };
  const path = detail.valueError?.path ?? detail.all?.[0]?.path ?? '';
  return path.replace(/^\//, '').replace(/\//g, '.') || 'body';
}

/** A client mistake the framework found before our code ran, as a message id. */
function frameworkError(
  code: string | number,
  request: Request,
): { key: MessageKey; params?: MessageParams; status: number } | undefined {
  switch (code) {
    case 'PARSE':
      return (request.headers.get('content-type') ?? '').includes('json')
        ? { key: 'general.malformed_json', status: 400 }
        : { key: 'general.malformed_body', status: 400 };
    case 'NOT_FOUND':
      return { key: 'general.route_not_found', params: { path: pathOf(request) }, status: 404 };
    case 'INVALID_COOKIE_SIGNATURE':
    case 'INVALID_FILE_TYPE':
      return { key: 'general.malformed_body', status: 400 };
    default:
      return undefined;
  }
}

/**
 * The one error mapper. Client mistakes on /api/* become the Casdoor envelope with HTTP 200; OAuth
 * endpoints answer RFC 6749 JSON; anything unexpected becomes a generic message and a log line
 * with the request id, never a stack trace in the response.
 */
export function errorMapper(log: Logger) {
  return new Elysia({ name: 'error-mapper' }).onError({ as: 'global' }, ({ code, error, request, set }) => {
    const info = requestStateOf(request);
    const oauthPath = isOAuthJsonPath(info.routePath);
    const respond = (response: Response) => {
      set.status = response.status;
      response.headers.set('x-request-id', info.id);
      return response;
    };

    if (error instanceof OAuthError) return respond(oauthBody(error));
    const apiError = apiErrorOf(error);
    if (apiError) {
      return respond(
        oauthPath
          ? oauthBody(new OAuthError('invalid_request', apiError.code, apiError.params))
          : envelope(info.language, apiError.code, apiError.params, apiError.data),
      );
    }
    // An answer that does not match its route's response schema is our mistake, not the client's.
    if (code === 'VALIDATION' && (error as { type?: string }).type !== 'response') {
      const params = { field: invalidField(error) };
      return respond(
        oauthPath
          ? oauthBody(new OAuthError('invalid_request', 'general.invalid_field', params))
          : envelope(info.language, 'general.invalid_field', params, null),
      );
    }
    const known = frameworkError(code, request);
    if (known) {
      if (oauthPath) return respond(oauthBody(new OAuthError('invalid_request', known.key, known.params)));
      // Casdoor answers client mistakes on the API with HTTP 200; elsewhere the real status is kept.
      const status = pathOf(request).startsWith('/api/') ? 200 : known.status;
      return respond(envelope(info.language, known.key, known.params, null, status));
    }

    // A value the database cannot keep (too large for an index, NUL on Postgres) is the client's
    // mistake; the write it belonged to was one statement or one transaction, so nothing was kept.
    const refusedValue = valueRefusedByDatabase(error);
    if (refusedValue) {
      const key: MessageKey = refusedValue === 'too_large' ? 'general.value_too_large' : 'general.nul_character';
      log.warn('value refused by the database', { requestId: info.id, error: errorMessage(error) });
      if (oauthPath) return respond(oauthBody(new OAuthError('invalid_request', key)));
      return respond(envelope(info.language, key, undefined, null, pathOf(request).startsWith('/api/') ? 200 : 400));
    }

    log.error('internal error', {
      requestId: info.id,
      code: String(code),
      error: errorMessage(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    const params = { requestId: info.id };
    if (oauthPath) return respond(oauthBody(new OAuthError('server_error', 'general.internal_error', params)));
    return respond(envelope(info.language, 'general.internal_error', params, null, 500));
  });
}
