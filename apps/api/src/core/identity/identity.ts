import type { Application, User } from '@latchkey/types';
import { BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';

/** How a caller proved who it is. */
export type AuthMethod = 'token' | 'clientSecret' | 'accessKey' | 'password' | 'session';

export interface TokenGrant {
  /** The token row's name (its id is admin/<name>). */
  name: string;
  application: string;
  scope: string;
}

export interface AnonymousIdentity {
  kind: 'anonymous';
  id: 'anonymous/anonymous';
  isGlobalAdmin: false;
  isOrgAdmin: false;
}

export interface UserIdentity {
  kind: 'user';
  /** `organization/name` */
  id: string;
  organization: string;
  name: string;
  user: User;
  /** Any user of organization built-in. */
  isGlobalAdmin: boolean;
  /** `isAdmin`: administrator of their own organization. */
  isOrgAdmin: boolean;
  method: AuthMethod;
  /** The browser session, when signed in by cookie. */
  sessionId?: string;
  /** The access token, when signed in by bearer token. */
  token?: TokenGrant;
}

/** A machine caller: an application acts as administrator of its own organization. */
export interface ApplicationIdentity {
  kind: 'application';
  /** `app/<application name>` as Casdoor names it. */
  id: string;
  organization: string;
  name: string;
  application: Application;
  /** An application of organization built-in administers every organization. */
  isGlobalAdmin: boolean;
  isOrgAdmin: true;
  method: AuthMethod;
  token?: TokenGrant;
}

export type Identity = AnonymousIdentity | UserIdentity | ApplicationIdentity;
export type SignedInIdentity = UserIdentity | ApplicationIdentity;

export const anonymous: AnonymousIdentity = {
  kind: 'anonymous',
  id: 'anonymous/anonymous',
  isGlobalAdmin: false,
  isOrgAdmin: false,
};

export function userIdentity(
  user: User,
  method: AuthMethod,
  extra: Pick<UserIdentity, 'sessionId' | 'token'> = {},
): UserIdentity {
  return {
    kind: 'user',
    id: `${user.owner}/${user.name}`,
    organization: user.owner,
    name: user.name,
    user,
    isGlobalAdmin: user.owner === BUILT_IN_ORGANIZATION,
    isOrgAdmin: user.isAdmin || user.owner === BUILT_IN_ORGANIZATION,
    method,
    ...extra,
  };
}

/**
 * A user identity for a user remembered across requests (the bearer cache's, frozen): `user` is the
 * request's own copy, made when a route first asks for it, so that what a route changes stays its
 * own; a route that only reads asks rememberedUserOf and copies nothing. (`user` is an accessor: spreading
 * such an identity leaves it out.)
 */
class RememberedUserIdentity implements UserIdentity {
  readonly kind = 'user';
  readonly id: string;
  readonly organization: string;
  readonly name: string;
  readonly isGlobalAdmin: boolean;
  readonly isOrgAdmin: boolean;
  readonly #remembered: Readonly<User>;
  #own: User | undefined;

  constructor(
    remembered: Readonly<User>,
    readonly method: AuthMethod,
    readonly token: TokenGrant | undefined,
  ) {
    this.#remembered = remembered;
    this.id = `${remembered.owner}/${remembered.name}`;
    this.organization = remembered.owner;
    this.name = remembered.name;
    this.isGlobalAdmin = remembered.owner === BUILT_IN_ORGANIZATION;
    this.isOrgAdmin = remembered.isAdmin || remembered.owner === BUILT_IN_ORGANIZATION;
  }

  get user(): User {
    this.#own ??= { ...this.#remembered };
    return this.#own;
  }

  set user(user: User) {
    this.#own = user;
  }

  static rememberedUserOf(identity: UserIdentity): Readonly<User> | undefined {
    return #remembered in identity ? identity.#remembered : undefined;
  }
}

/** userIdentity for a user remembered across requests, frozen (RememberedUserIdentity), signed in by an access token. */
export function rememberedUserIdentity(remembered: Readonly<User>, token: TokenGrant): UserIdentity {
  return new RememberedUserIdentity(remembered, 'token', token);
}

/** The remembered user behind an identity, if it has one: frozen, the same object for every request until the memory forgets it. */
export const rememberedUserOf: (identity: UserIdentity) => Readonly<User> | undefined =
  RememberedUserIdentity.rememberedUserOf;

export function applicationIdentity(
  application: Application,
  method: AuthMethod,
  token?: TokenGrant,
): ApplicationIdentity {
  return {
    kind: 'application',
    id: `app/${application.name}`,
    organization: application.organization,
    name: application.name,
    application,
    isGlobalAdmin: application.organization === BUILT_IN_ORGANIZATION,
    isOrgAdmin: true,
    method,
    token,
  };
}
