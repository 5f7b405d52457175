import { Webhook } from '@latchkey/types';
import { ApiError } from '../../errors/api-error.ts';
import { ADMIN_OWNER } from '../../objects/access.ts';
import type { Caller } from '../../objects/kind.ts';
import { defineKind } from '../../objects/kind.ts';

function checkWebhook(webhook: Webhook, caller: Caller): Webhook {
  if (!webhook.organization && webhook.owner !== ADMIN_OWNER) webhook.organization = webhook.owner;
  let url: URL | undefined;
  try {
    url = new URL(webhook.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw new ApiError('object.webhook_url_invalid');
  webhook.method ||= 'POST';
  webhook.contentType ||= 'application/json';
  // A webhook that is not single-organization receives every organization's records.
  if (!caller.identity.isGlobalAdmin) webhook.singleOrgOnly = true;
  return webhook;
}

/**
 * Webhooks: owned by "admin" (or by the organization, as Casdoor's SDK writes them) and
 * administered through their `organization`. Only http(s) URLs; only a global administrator may
 * turn off singleOrgOnly.
 */
export const webhookKind = defineKind<Webhook>({
  name: 'webhook',
  schema: Webhook,
  placement: 'admin-with-organization',
  ownerMayBeOrganization: true,
  organizationOf: (webhook) => webhook.organization || (webhook.owner === ADMIN_OWNER ? '' : webhook.owner),
  listing: { filterable: { name: 'text', url: 'text', organization: 'exact', isEnabled: 'flag' }, sortable: ['createdTime', 'name', 'organization'] },
  movable: true,
  hooks: {
    prepare: (_context, webhook, { caller }) => checkWebhook(webhook, caller),
  },
});
