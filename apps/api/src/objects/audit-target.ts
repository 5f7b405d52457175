import type { MessageKey, MessageParams } from '@latchkey/i18n';
import type { User } from '@latchkey/types';

/** Which organization a write concerned, noted by the route for the audit log (the caller's own when unknown). */
const targets = new WeakMap<Request, string>();

export function noteAuditOrganization(request: Request, organization: string): void {
  if (organization) targets.set(request, organization);
}

export function auditOrganizationOf(request: Request): string | undefined {
  return targets.get(request);
}

/**
 * The user a request signed in or signed up, noted by the route: the caller was anonymous when the
 * request arrived, yet the record names who signed in (as Casdoor's does), and a sign-up also
 * gets Casdoor's second record, `new-user`, describing the new user.
 */
interface SignedInUser {
  user: User;
  isNew: boolean;
}

const signedIn = new WeakMap<Request, SignedInUser>();

export function noteAuditSignIn(request: Request, user: User, options: { isNew: boolean } = { isNew: false }): void {
  signedIn.set(request, { user, isNew: options.isNew });
}

export function auditSignInOf(request: Request): SignedInUser | undefined {
  return signedIn.get(request);
}

/**
 * The action a request is recorded under when it is not its path's: a sign-in through the OAuth
 * endpoints (the authorization endpoint's sign-in form, the token endpoint's password grant) is
 * recorded as `login`, like a call of /api/login, so that it counts wherever sign-ins are counted.
 * A request with a noted action is recorded even outside /api.
 */
const actions = new WeakMap<Request, string>();

export function noteAuditAction(request: Request, action: string): void {
  actions.set(request, action);
}

export function auditActionOf(request: Request): string | undefined {
  return actions.get(request);
}

/** Why a request failed, for its record, when the route answered the failure itself (a page) rather than throwing it. */
const failures = new WeakMap<Request, { code: MessageKey; params?: MessageParams }>();

export function noteAuditFailure(request: Request, code: MessageKey, params?: MessageParams): void {
  failures.set(request, { code, params });
}

export function auditFailureOf(request: Request): { code: MessageKey; params?: MessageParams } | undefined {
  return failures.get(request);
}
