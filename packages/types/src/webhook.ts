import { type Static, Type as T } from '@sinclair/typebox';
import { flag, list, text, texts, whole } from './fields.ts';

export const WebhookHeader = T.Object({ name: text(), value: text() });

export const Webhook = T.Object({
  owner: text('"admin", or the organization itself (as Casdoor\'s SDKs write it)'),
  name: text(),
  createdTime: text(),
  organization: text(),
  url: text(),
  method: text(),
  contentType: text(),
  headers: list(WebhookHeader),
  events: texts(),
  isUserExtended: flag(),
  singleOrgOnly: flag(),
  isEnabled: flag(),
  maxRetries: whole(),
  retryInterval: whole(),
});

export type Webhook = Static<typeof Webhook>;
