import { ApiError } from '../errors/api-error.ts';
import type { Identity, SignedInIdentity, UserIdentity } from './identity.ts';

/**
 * Who may do what, in one place:
 * - anyone: anonymous callers;
 * - a signed-in user: their own record and account;
 * - an organization administrator (`isAdmin`, or an application of that organization): that organization only;
 * - a global administrator (any user or application of organization built-in): everything.
 */
export function isSignedIn(identity: Identity): identity is SignedInIdentity {
  return identity.kind !== 'anonymous';
}

export function canAdminister(identity: Identity, organization: string): boolean {
  if (identity.kind === 'anonymous') return false;
  return identity.isGlobalAdmin || (identity.isOrgAdmin && identity.organization === organization);
}

export function isSelf(identity: Identity, owner: string, name: string): identity is UserIdentity {
  return identity.kind === 'user' && identity.organization === owner && identity.name === name;
}

export const pleaseSignIn = () => new ApiError('general.please_login_first', undefined, 'Please login first');
export const notAllowed = () => new ApiError('general.unauthorized_operation');

export function requireSignedIn(identity: Identity): asserts identity is SignedInIdentity {
  if (!isSignedIn(identity)) throw pleaseSignIn();
}

export function requireUser(identity: Identity): asserts identity is UserIdentity {
  requireSignedIn(identity);
  if (identity.kind !== 'user') throw notAllowed();
}

export function requireAdminOf(identity: Identity, organization: string): asserts identity is SignedInIdentity {
  requireSignedIn(identity);
  if (!canAdminister(identity, organization)) throw notAllowed();
}

export function requireGlobalAdmin(identity: Identity): asserts identity is SignedInIdentity {
  requireSignedIn(identity);
  if (!identity.isGlobalAdmin) throw notAllowed();
}

/** The caller itself, or an administrator of the user's organization. */
export function requireSelfOrAdminOf(
  identity: Identity,
  owner: string,
  name: string,
): asserts identity is SignedInIdentity {
  requireSignedIn(identity);
  if (!isSelf(identity, owner, name) && !canAdminister(identity, owner)) throw notAllowed();
}

/** Who may call a route at all, named as the auth macros are, and the identity each lets through; object-level checks follow in the service. */
export interface AudienceIdentity {
  anyone: Identity;
  signedIn: SignedInIdentity;
  user: UserIdentity;
  admin: SignedInIdentity;
  globalAdmin: SignedInIdentity;
}
export type Audience = keyof AudienceIdentity;

/** Refuses a caller the audience does not admit; afterwards the identity has the audience's type. */
export function enforceAudience<A extends Audience>(
  identity: Identity,
  audience: A,
): asserts identity is AudienceIdentity[A] {
  switch (audience) {
    case 'anyone':
      return;
    case 'signedIn':
      return requireSignedIn(identity);
    case 'user':
      return requireUser(identity);
    case 'admin':
      requireSignedIn(identity);
      if (!identity.isOrgAdmin && !identity.isGlobalAdmin) throw notAllowed();
      return;
    case 'globalAdmin':
      return requireGlobalAdmin(identity);
  }
}
