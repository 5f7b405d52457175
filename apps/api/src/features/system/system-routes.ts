import { pingDatabase } from '@latchkey/db';
import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { productName, version } from '../../core/version.ts';
import { ok } from '../../http/envelope.ts';

/** Anonymous: liveness with a database round trip, and the version. */
export function systemRoutes(context: AppContext) {
  return new Elysia({ name: 'system', prefix: '/api' })
    .get(
      '/health',
      async () => {
        try {
          await pingDatabase(context.db);
        } catch (error) {
          context.log.error('health check failed', { error: errorMessage(error) });
          throw new ApiError('general.internal_error', { requestId: 'health' });
        }
        return ok();
      },
      { detail: { summary: 'Liveness and database reachability', tags: ['System'] }, response: Envelope(T.Null()) },
    )
    .get('/get-version-info', () => ok({ version, commitId: '', commitOffset: 0, name: productName }), {
      detail: { summary: 'The running version', tags: ['System'] },
      response: Envelope(
        T.Object({ version: T.String(), commitId: T.String(), commitOffset: T.Number(), name: T.String() }),
      ),
    });
}
