import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text, whole } from './fields.ts';

/** One audit log entry: who did what, when, from where. */
export const AuditRecord = T.Object({
  owner: text('The organization the action concerns'),
  name: text(),
  createdTime: text(),
  organization: text('The organization of the caller'),
  clientIp: text(),
  user: text('The caller: org/name, app/name or anonymous'),
  method: text(),
  requestUri: text('Path and query, secrets redacted'),
  action: text(),
  language: text(),
  object: text('The request body, secrets redacted'),
  response: text(),
  statusCode: whole(),
  isTriggered: flag(),
});

export type AuditRecord = Static<typeof AuditRecord>;
