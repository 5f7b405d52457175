import type { MessageKey, MessageParams } from '@latchkey/i18n';
import type { User } from '@latchkey/types';
import { type AuditNote, requestStateOf } from '../../http/request-state.ts';

/**
 * What a route notes for its request's audit record; kept in the request's state (`audit`, see
 * http/request-state.ts for what each fact means) and read by features/records/audit-log.ts.
 */

/** Which organization a write concerned (the caller's own when unknown). */
export function noteAuditOrganization(request: Request, organization: string): void {
  if (organization) requestStateOf(request).audit.organization = organization;
}

/** The user a request signed in or signed up (a sign-up also gets the `new-user` record). */
export function noteAuditSignIn(request: Request, user: User, options: { isNew: boolean } = { isNew: false }): void {
  requestStateOf(request).audit.signIn = { user, isNew: options.isNew };
}

/** The action the request is recorded under when it is not its path's (an OAuth sign-in is `login`). */
export function noteAuditAction(request: Request, action: string): void {
  const state = requestStateOf(request);
  state.audit.action = action;
  // The record is written once the answer is out, when the connection's address is no longer known.
  void state.clientIp;
}

/** Why a request failed, when the route answered the failure itself (a page) rather than throwing it. */
export function noteAuditFailure(request: Request, code: MessageKey, params?: MessageParams): void {
  requestStateOf(request).audit.failure = { code, params };
}

/** A further record of the request under an action of its own (a recovery code used, second factors reset), sent to the webhooks of that action. */
export function noteAuditAlso(request: Request, action: string, object: unknown): void {
  const audit = requestStateOf(request).audit;
  audit.alsoRecorded ??= [];
  audit.alsoRecorded.push({ action, object });
}

/** Everything noted for the request's record. */
export function auditNoteOf(request: Request): Readonly<AuditNote> {
  return requestStateOf(request).audit;
}
