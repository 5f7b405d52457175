import { findUser, listEnabledWebhooks } from '@latchkey/db';
import type { AuditRecord, User, Webhook } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { LookupCache } from '../../core/tokens/lookup-cache.ts';
import { defaultRetryDelays, enqueueDelivery, runInBackground } from '../../jobs/outbound/deliveries.ts';
import { OUTBOUND_METHODS, type OutboundMethod } from '../../jobs/outbound/http-send.ts';
import { maskUser } from '../users/mask.ts';
import { webhookBody, webhookHeaders, webhookRetryDelays } from './webhook-message.ts';

/** The enabled webhooks, read at most once a second per node (every audited write asks). */
const enabledWebhooks = new LookupCache<Webhook[]>();

async function loadEnabledWebhooks(context: AppContext): Promise<Webhook[]> {
  return listEnabledWebhooks(context.db);
}

/** Makes this node read the webhooks again at once (after one changed here). */
export function forgetWebhooks(context: AppContext): void {
  enabledWebhooks.forget(context);
}

/**
 * The webhooks a record goes to: those with a URL listening for its action, of the organization the record
 * belongs to (the one whose administrators read it), or of any organization when not
 * `singleOrgOnly` (which only a global administrator can set).
 */
export function webhooksFor(webhooks: readonly Webhook[], record: Pick<AuditRecord, 'action' | 'owner'>): Webhook[] {
  return webhooks.filter(
    (webhook) =>
      webhook.url !== '' &&
      webhook.events.includes(record.action) &&
      (!webhook.singleOrgOnly || webhook.organization === record.owner),
  );
}

/** The user who acted, as an administrator would see them without secrets; null for applications and anonymous callers. */
async function actingUser(context: AppContext, record: AuditRecord): Promise<User | null> {
  const slash = record.user.indexOf('/');
  if (slash <= 0 || record.user.startsWith('app/')) return null;
  const user = await findUser(context.db, record.user.slice(0, slash), record.user.slice(slash + 1));
  return user ? maskUser(user, { revealAccessSecret: false, secrets: context.secrets }) : null;
}

/** Where a webhook's deliveries are logged, for its log in the console. */
export const webhookLog = (webhook: Pick<Webhook, 'owner' | 'name'>, event: string) => ({
  subject: `webhook/${webhook.owner}/${webhook.name}`,
  label: event,
});

export const methodOf = (webhook: Webhook): OutboundMethod => {
  const method = webhook.method.toUpperCase();
  return (OUTBOUND_METHODS as readonly string[]).includes(method) ? (method as OutboundMethod) : 'POST';
};

/**
 * Sends an audit record, once written, to every webhook listening for it, in the background
 * through the outbound deliveries (private addresses refused unless allowed, retries per the
 * webhook). The record is marked `isTriggered` when a webhook has accepted it.
 */
export function sendWebhooks(context: AppContext, record: AuditRecord): void {
  // Known to have no webhook for this record (the usual case): no background work at all.
  const remembered = enabledWebhooks.peek(context, 'enabled');
  if (remembered && webhooksFor(remembered, record).length === 0) return;
  runInBackground(context, 'webhooks', async () => {
    const webhooks = webhooksFor(
      (await enabledWebhooks.get(context, 'enabled', () => loadEnabledWebhooks(context))) ?? [],
      record,
    );
    if (webhooks.length === 0) return;
    const extendedUser = webhooks.some((webhook) => webhook.isUserExtended) ? await actingUser(context, record) : null;
    for (const webhook of webhooks) {
      enqueueDelivery(context, {
        kind: 'webhook',
        organization: webhook.organization,
        url: webhook.url,
        method: methodOf(webhook),
        headers: webhookHeaders(webhook),
        body: webhookBody(webhook, { ...record, extendedUser: webhook.isUserExtended ? extendedUser : null }),
        retryDelaysMs: webhookRetryDelays(webhook, defaultRetryDelays(context)),
        afterDelivery: { markRecordTriggered: { owner: record.owner, name: record.name } },
        log: webhookLog(webhook, record.action),
      });
    }
  });
}
