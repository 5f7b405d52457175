import type { AuditRecord, User, Webhook } from '@latchkey/types';

/** What a webhook receives: the audit record as get-record shows it, and the acting user when asked for. */
export type WebhookPayload = AuditRecord & { extendedUser: User | null };

export const JSON_CONTENT_TYPE = 'application/json';
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Casdoor's defaults for a webhook that sets no retry policy. */
const DEFAULT_ATTEMPTS = 3;
/** Retries wait at most this long, however long the doubling would make them. */
const MAX_RETRY_WAIT_SECONDS = 3600;

/**
 * The payload in the webhook's content type: JSON (the default, and for any type but form), or
 * form fields, one per field of the record, with objects written as JSON and `extendedUser` empty
 * when there is none.
 */
export function webhookBody(
  webhook: Pick<Webhook, 'contentType'>,
  payload: WebhookPayload,
): { contentType: string; content: string } {
  const contentType = webhook.contentType || JSON_CONTENT_TYPE;
  if (contentType.split(';')[0]!.trim().toLowerCase() !== FORM_CONTENT_TYPE)
    return { contentType, content: JSON.stringify(payload) };
  const fields = new URLSearchParams();
  for (const [name, value] of Object.entries(payload)) {
    fields.append(name, value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return { contentType, content: fields.toString() };
}

/** The webhook's own headers, as a header map. */
export function webhookHeaders(webhook: Pick<Webhook, 'headers'>): Record<string, string> {
  return Object.fromEntries(
    webhook.headers.filter((header) => header.name).map((header) => [header.name, header.value]),
  );
}

/**
 * The waits before each retry, in milliseconds. As in Casdoor, `maxRetries` counts every attempt
 * (3 when unset) and `retryInterval` is the wait in seconds before the first retry, which doubles
 * from one retry to the next (at most an hour). Without a `retryInterval`, the deliveries' usual
 * waits apply.
 */
export function webhookRetryDelays(
  webhook: Pick<Webhook, 'maxRetries' | 'retryInterval'>,
  usual: readonly number[],
): number[] {
  const retries = (webhook.maxRetries > 0 ? webhook.maxRetries : DEFAULT_ATTEMPTS) - 1;
  if (webhook.retryInterval > 0) {
    return Array.from(
      { length: retries },
      (_, index) => Math.min(webhook.retryInterval * 2 ** index, MAX_RETRY_WAIT_SECONDS) * 1000,
    );
  }
  if (usual.length === 0) return [];
  return Array.from({ length: retries }, (_, index) => usual[Math.min(index, usual.length - 1)]!);
}
