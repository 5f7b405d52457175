import { Webhook } from '@latchkey/types';
import { ApiError } from '../../core/errors/api-error.ts';
import { isSendableHeader, OUTBOUND_METHODS } from '../../jobs/outbound/http-send.ts';
import { ADMIN_OWNER } from '../objects/access.ts';
import type { Caller } from '../objects/kind.ts';
import { defineKind } from '../objects/kind.ts';
import { forgetWebhooks } from './webhook-deliver.ts';
import { JSON_CONTENT_TYPE } from './webhook-message.ts';

/** A media type such as application/json, with parameters if any; one line. */
const CONTENT_TYPE = /^[\w.+-]+\/[\w.+-]+(\s*;[\t\x20-\x7e]*)?$/;

function checkUrl(text: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    throw new ApiError('object.webhook_url_invalid');
}

function checkWebhook(webhook: Webhook, caller: Caller): Webhook {
  if (!webhook.organization && webhook.owner !== ADMIN_OWNER) webhook.organization = webhook.owner;
  // No URL is allowed, as in Casdoor (its SDKs add webhooks without one); such a webhook is never sent.
  if (webhook.url !== '') checkUrl(webhook.url);
  webhook.method = (webhook.method || 'POST').toUpperCase();
  if (!(OUTBOUND_METHODS as readonly string[]).includes(webhook.method))
    throw new ApiError('object.webhook_method_invalid', { method: webhook.method });
  webhook.contentType ||= JSON_CONTENT_TYPE;
  if (!CONTENT_TYPE.test(webhook.contentType)) throw new ApiError('object.webhook_content_type_invalid');
  for (const header of webhook.headers) {
    if (!isSendableHeader(header.name, header.value))
      throw new ApiError('object.webhook_header_invalid', { name: header.name });
  }
  // A webhook that is not single-organization receives every organization's records.
  if (!caller.identity.isGlobalAdmin) webhook.singleOrgOnly = true;
  return webhook;
}

/**
 * Webhooks: owned by "admin" (or by the organization, as Casdoor's SDK writes them) and
 * administered through their `organization`, which a global administrator may set to any name (a
 * single-organization webhook for a name that is no organization hears only of anonymous requests
 * naming it). Only http(s) URLs (or none: never sent), methods a callback can be sent
 * with, one-line headers that leave the connection to us; only a global administrator may turn off
 * singleOrgOnly. Delivered from the audit log (deliver.ts).
 */
export const webhookKind = defineKind<Webhook>({
  name: 'webhook',
  schema: Webhook,
  placement: 'admin-with-organization',
  ownerMayBeOrganization: true,
  // Casdoor's SDK tests move a webhook to "Updated Casdoor Website" or "admin", as Casdoor stores them.
  globalAdminPlacesFreely: true,
  organizationOf: (webhook) => webhook.organization || (webhook.owner === ADMIN_OWNER ? '' : webhook.owner),
  listing: {
    filterable: { name: 'text', url: 'text', organization: 'exact', isEnabled: 'flag' },
    sortable: ['createdTime', 'name', 'organization'],
  },
  movable: true,
  hooks: {
    prepareAdd: (_context, webhook, caller) => checkWebhook(webhook, caller),
    prepareUpdate: (_context, webhook, { caller }) => checkWebhook(webhook, caller),
    afterCommit: (context) => forgetWebhooks(context),
  },
});
