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
