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

const rememberedUsers = new WeakMap<UserIdentity, Readonly<User>>();

/**
 * userIdentity for a user remembered across requests (the bearer cache's, frozen): `user` is the
 * request's own copy, made when a route first asks for it, so that what a route changes stays its
 * own; a route that only reads asks readUserOf and copies nothing.
 */
export function rememberedUserIdentity(
  remembered: Readonly<User>,
  method: AuthMethod,
  extra: Pick<UserIdentity, 'sessionId' | 'token'> = {},
): UserIdentity {
  let own: User | undefined;
  const identity: UserIdentity = {
    kind: 'user',
    id: `${remembered.owner}/${remembered.name}`,
    organization: remembered.owner,
    name: remembered.name,
    get user() {
      own ??= { ...remembered };
      return own;
    },
    set user(user: User) {
      own = user;
    },
    isGlobalAdmin: remembered.owner === BUILT_IN_ORGANIZATION,
    isOrgAdmin: remembered.isAdmin || remembered.owner === BUILT_IN_ORGANIZATION,
    method,
    ...extra,
  };
  rememberedUsers.set(identity, remembered);
  return identity;
}

/** The caller's user for a route that only reads it: the remembered one when there is one (which no one may change), else identity.user. */
export function readUserOf(identity: UserIdentity): Readonly<User> {
  return rememberedUsers.get(identity) ?? identity.user;
}

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
