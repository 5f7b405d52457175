'use server';

import { apiGet, apiPost } from '../api';
import { getT } from '../i18n/server';
import { requireAccount } from '../session';

/** One delivery of a webhook, as get-webhook-deliveries shows it. */
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
  nextAttemptTime: string;
}

/** Sends a webhook a test event (Latchkey's test-webhook). */
export async function sendTestEvent(id: string): Promise<{ ok: boolean; message: string }> {
  await requireAccount();
  const t = await getT();
  const result = await apiPost<null>('/api/test-webhook', { id }, {});
  return result.ok ? { ok: true, message: t('webhook_log.test_sent') } : { ok: false, message: result.msg };
}

/** A webhook's latest deliveries, newest first. */
export async function listWebhookDeliveries(
  id: string,
): Promise<{ ok: true; deliveries: WebhookDelivery[] } | { ok: false; message: string }> {
  await requireAccount();
  const result = await apiGet<WebhookDelivery[] | null>('/api/get-webhook-deliveries', { id });
  return result.ok ? { ok: true, deliveries: result.data ?? [] } : { ok: false, message: result.msg };
}
