import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { productName, version } from '../../core/version.ts';
import { ok } from '../../http/envelope.ts';
import { healthCheckOf } from './health-check.ts';

/**
 * Anonymous: liveness with database reachability, and the version. The database is asked at most
 * once a second (database-reachability.ts, shared with server/quick-health.ts), so that a load balancer's or an attacker's checks cost
 * no query each, and an outage is still seen within a second.
 */
export function systemRoutes(context: AppContext) {
  const database = healthCheckOf(context);
  return new Elysia({ name: 'system', prefix: '/api' })
    .get(
      '/health',
      async () => {
        try {
          await database.check();
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
