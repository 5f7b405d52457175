import { findOrganization } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../context.ts';

/** Why a user may not sign in to an application (now), as every way of signing in refuses it. */
export type SignInRefusal =
  | 'user_forbidden'
  | 'user_deleted'
  | 'application_disabled'
  | 'other_organization'
  | 'organization_disabled';

/**
 * The rules of every sign-in, checked again whenever a grant turns into new tokens (a code
 * redeemed, a token refreshed): the user is neither forbidden nor deleted; the application allows
 * sign-in; the user belongs to the application's organization (the built-in application serves
 * every organization, as the portal's sign-in); the organization allows sign-in.
 */
export async function signInRefusal(
  context: AppContext,
  application: Application,
  user: User,
): Promise<SignInRefusal | undefined> {
  if (user.isDeleted) return 'user_deleted';
  if (user.isForbidden) return 'user_forbidden';
  if (application.disableSignin) return 'application_disabled';
  if (application.name !== BUILT_IN_APPLICATION && user.owner !== application.organization) return 'other_organization';
  const organization = await findOrganization(context.db, user.owner);
  if (!organization || organization.disableSignin) return 'organization_disabled';
  return undefined;
}
