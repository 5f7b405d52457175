import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { requestStateOf } from '../../http/request-state.ts';
import { parseObjectBody } from '../objects/body.ts';
import { requireParameter } from '../objects/id.ts';
import { IdQuery } from '../objects/routes.ts';
import { sendTestEvent, webhookDeliveries } from './webhook-test.ts';

const tags = ['Webhooks'];

const WebhookDelivery = T.Object({
  id: T.String(),
  event: T.String({ description: 'The action of the audit record sent', examples: ['login'] }),
  state: T.String({ description: 'pending, retrying, delivered, rejected, refused or given_up' }),
  attempts: T.Integer({ description: 'Attempts made so far' }),
  maxAttempts: T.Integer({ description: 'Attempts allowed in all' }),
  statusCode: T.Integer({ description: "The last answer's HTTP status; 0 for none" }),
  error: T.String({ description: 'Why the last attempt got no answer, in short' }),
  createdTime: T.String(),
  updatedTime: T.String(),
  nextAttemptTime: T.String({ description: 'When the next attempt is due; empty when none is' }),
});

/**
 * Latchkey's additions to webhooks, for their organization's administrators: a test event, and
 * the log of the latest deliveries.
 */
export function webhookRoutes(context: AppContext) {
  return new Elysia({ name: 'webhook-deliveries' })
    .use(auth(context))
    .post(
      '/api/test-webhook',
      async ({ identity, query, request }) => {
        const state = requestStateOf(request);
        await sendTestEvent(context, identity, requireParameter(query.id, 'id'), {
          clientIp: state.clientIp,
          language: state.language,
        });
        return ok();
      },
      {
        admin: true,
        parse: parseObjectBody,
        query: IdQuery,
        response: Envelope(T.Null()),
        detail: {
          summary: 'Send the webhook a test event now (an audit record with the action "test-webhook")',
          description:
            'Whatever events it listens for and whether it is enabled, with its retries; get-webhook-deliveries shows what became of it.',
          tags,
        },
      },
    )
    .get(
      '/api/get-webhook-deliveries',
      async ({ identity, query }) => ok(await webhookDeliveries(context, identity, requireParameter(query.id, 'id'))),
      {
        admin: true,
        query: IdQuery,
        response: Envelope(T.Array(WebhookDelivery)),
        detail: {
          summary: "The webhook's latest deliveries: attempts, outcome and the next retry, newest first",
          description: 'At most 50, kept a week after their last attempt; nothing of the message is kept.',
          tags,
        },
      },
    );
}
