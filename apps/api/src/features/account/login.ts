import { findApplication, findOrganization } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { beginPasswordSignIn } from '../../core/identity/password-signin.ts';
import type { SecondFactorDue } from '../../core/identity/second-factors.ts';

export interface LoginRequest {
  /** The application's name, or its row when the caller has read it already; the portal's own when none. */
  application?: string | Application;
  organization?: string;
  username?: string;
  password?: string;
  clientIp: string;
  /** The request asks for a second factor (acr_values): a user without one must set one up. */
  demandSecondFactor?: boolean;
}

export interface CheckedLogin {
  user: User;
  application: Application;
  /** The second factor the sign-in still needs, if any (beginPasswordSignIn). */
  secondFactor?: SecondFactorDue;
}

/** The application a sign-in is for; the portal's own application when none is named. */
export async function loginApplication(context: AppContext, name: string | undefined): Promise<Application> {
  const application = await findApplication(context.db, name || BUILT_IN_APPLICATION);
  if (!application) throw new ApiError('auth.application_not_found', { name: name ?? '' });
  return application;
}

/**
 * Checks a password sign-in for an application: password sign-in must be enabled, and the user must
 * belong to the application's organization (the built-in application serves every organization,
 * as the portal's sign-in). The answer says which second factor is still due; a caller that cannot
 * ask for one must refuse then.
 */
export async function checkPasswordLogin(context: AppContext, request: LoginRequest): Promise<CheckedLogin> {
  const application =
    typeof request.application === 'object'
      ? request.application
      : await loginApplication(context, request.application);
  if (!application.enablePassword || application.disableSignin) throw new ApiError('auth.password_signin_disabled');
  const organization = request.organization || application.organization;
  if (application.name !== BUILT_IN_APPLICATION && organization !== application.organization) {
    throw new ApiError('auth.wrong_username_or_password');
  }
  const organizationRow = await findOrganization(context.db, organization);
  if (organizationRow?.disableSignin) throw new ApiError('auth.password_signin_disabled');
  const { user, secondFactor } = await beginPasswordSignIn(
    context,
    {
      organization,
      username: request.username ?? '',
      password: request.password ?? '',
      application,
      clientIp: request.clientIp,
      demandSecondFactor: request.demandSecondFactor,
    },
    { organization: organizationRow },
  );
  return { user, application, secondFactor };
}
