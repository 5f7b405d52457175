import { randomUUID } from 'node:crypto';
import { type DeliveryLogEntry, listDeliveryLog } from '@latchkey/db';
import type { AuditRecord, Webhook } from '@latchkey/types';
import { type AppContext, formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { SignedInIdentity } from '../../core/identity/identity.ts';
import { defaultRetryDelays, enqueueDelivery } from '../../jobs/outbound/deliveries.ts';
import { getObject } from '../objects/read-service.ts';
import { methodOf, webhookLog } from './webhook-deliver.ts';
import { webhookKind } from './webhook-kind.ts';
import { webhookBody, webhookHeaders, webhookRetryDelays } from './webhook-message.ts';

/** The action a test event reports: the route that sent it. */
export const TEST_EVENT_ACTION = 'test-webhook';
/** How many of a webhook's latest deliveries its log shows. */
const LOG_LENGTH = 50;

/** A webhook that the caller administers (its organization's administrators, global administrators). */
async function administeredWebhook(context: AppContext, identity: SignedInIdentity, id: string): Promise<Webhook> {
  const webhook = await getObject(context, webhookKind, identity, id);
  if (!webhook) throw new ApiError('object.webhook_not_found', { id });
  return webhook;
}

/**
 * POST /api/test-webhook: sends the webhook a test event now, whatever events it listens for and
 * whether enabled or not, through the same outbound path, retries and log as a real one. The event
 * is an audit record in the usual shape with the action `test-webhook`; it is not stored.
 */
export async function sendTestEvent(
  context: AppContext,
  identity: SignedInIdentity,
  id: string,
  request: { clientIp: string; language: string },
): Promise<void> {
  const webhook = await administeredWebhook(context, identity, id);
  if (!webhook.url) throw new ApiError('object.webhook_url_required');
  const organization = webhook.organization || identity.organization;
  const record: AuditRecord = {
    owner: organization,
    name: randomUUID(),
    createdTime: formatTime(context.clock.now()),
    organization: identity.organization,
    clientIp: request.clientIp,
    user: identity.id,
    method: 'POST',
    requestUri: `/api/test-webhook?id=${encodeURIComponent(id)}`,
    action: TEST_EVENT_ACTION,
    language: request.language,
    object: '',
    response: '{"status":"ok","msg":""}',
    statusCode: 200,
    isTriggered: false,
  };
  enqueueDelivery(context, {
    kind: 'webhook',
    organization,
    url: webhook.url,
    method: methodOf(webhook),
    headers: webhookHeaders(webhook),
    body: webhookBody(webhook, { ...record, extendedUser: null }),
    retryDelaysMs: webhookRetryDelays(webhook, defaultRetryDelays(context)),
    log: webhookLog(webhook, TEST_EVENT_ACTION),
  });
}

/** One delivery of a webhook, as its log shows it. */
export interface WebhookDelivery {
  id: string;
  event: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  statusCode: number;
  error: string;
  createdTime: string;
  updatedTime: string;
  /** When the next attempt is due; empty when none is. */
  nextAttemptTime: string;
}

const timeOf = (milliseconds: number) => (milliseconds > 0 ? formatTime(new Date(milliseconds)) : '');

function presentDelivery(entry: DeliveryLogEntry): WebhookDelivery {
  const waiting = entry.state === 'pending' || entry.state === 'retrying';
  return {
    id: entry.id,
    event: entry.label,
    state: entry.state,
    attempts: entry.attempts,
    maxAttempts: entry.maxAttempts,
    statusCode: entry.lastStatus,
    error: entry.lastError,
    createdTime: timeOf(entry.createdAt),
    updatedTime: timeOf(entry.updatedAt),
    nextAttemptTime: waiting ? timeOf(entry.nextAttemptAt) : '',
  };
}

/** GET /api/get-webhook-deliveries: a webhook's latest deliveries (a week's, at most 50), newest first. */
export async function webhookDeliveries(
  context: AppContext,
  identity: SignedInIdentity,
  id: string,
): Promise<WebhookDelivery[]> {
  const webhook = await administeredWebhook(context, identity, id);
  const entries = await listDeliveryLog(context.db, webhookLog(webhook, '').subject, LOG_LENGTH);
  return entries.map(presentDelivery);
}
