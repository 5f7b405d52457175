import { findOrganization, updateUserFields } from '@latchkey/db';
import type { Application } from '@latchkey/types';
import { BUILT_IN_APPLICATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { checkSecondFactorWithLockout } from '../../core/identity/password-signin.ts';
import { EMAIL_CODE_FACTOR, SMS_CODE_FACTOR, secondFactorDue } from '../../core/identity/second-factors.ts';
import { requestInfo } from '../../http/request-info.ts';
import { beginPendingSignin } from '../mfa/pending-signin.ts';
import { userByEmail, userByPhone } from '../verification/accounts.ts';
import { useCode } from '../verification/codes.ts';
import { looksLikeEmail, normalDestination } from '../verification/destinations.ts';
import { loginApplication } from './login.ts';
import { finishSignIn, type SecondFactorPending, type SignedIn } from './sign-in.ts';

/**
 * Whether an application lets users sign in with a code sent by email (or text message): its
 * `signinMethods` list "Verification code" (with a rule other than "Phone only" / "Email only"),
 * or, when it lists none, `enableCodeSignin`, as in Casdoor.
 */
export function codeSigninEnabled(application: Application, type: 'email' | 'phone'): boolean {
  if (application.signinMethods.length === 0) return application.enableCodeSignin;
  const excluded = type === 'email' ? 'Phone only' : 'Email only';
  return application.signinMethods.some((method) => method.name === 'Verification code' && method.rule !== excluded);
}

const invalid = () => new ApiError('verification.code_invalid');

/**
 * POST /api/login with `code` and no password: Casdoor's sign-in with a one-time code sent for
 * `login` to the email address or phone number in `username`. The code is the first factor: it
 * counts against the account's lockout as a password does, and a second factor that is due is
 * asked for next (NextMfa), as after a password. An unknown address gets the answer of a wrong code.
 */
export async function signInWithCode(
  context: AppContext,
  request: Request,
  body: { application?: string; organization?: string; username?: string; code?: string; autoSignin?: boolean },
): Promise<SignedIn | SecondFactorPending> {
  const typed = (body.username ?? '').trim();
  const type = looksLikeEmail(typed) ? 'email' : 'phone';
  const application = await loginApplication(context, body.application);
  if (application.disableSignin || !codeSigninEnabled(application, type))
    throw new ApiError('verification.code_signin_disabled');
  const organizationName = body.organization || application.organization;
  if (application.name !== BUILT_IN_APPLICATION && organizationName !== application.organization) throw invalid();
  const organization = await findOrganization(context.db, organizationName);
  if (!organization || organization.disableSignin) throw new ApiError('verification.code_signin_disabled');
  const destination = normalDestination(type, typed);
  const user =
    type === 'email'
      ? await userByEmail(context, organization.name, typed)
      : await userByPhone(context, organization.name, typed);
  if (!user) throw invalid();
  const clientIp = requestInfo(request).clientIp;
  const passed = await checkSecondFactorWithLockout(
    context,
    user,
    organization,
    application,
    () =>
      useCode(
        context,
        { organization: organization.name, purpose: 'login', userId: user.id, destination },
        body.code,
        'spend',
      ).then(
        () => true,
        (error: unknown) => {
          if (error instanceof ApiError && error.code === 'verification.code_invalid') return false;
          throw error;
        },
      ),
    clientIp,
  );
  if (!passed) throw invalid();
  if (user.isForbidden || user.isDeleted) throw new ApiError('auth.user_forbidden');
  if (type === 'email' && !user.emailVerified) {
    await updateUserFields(context.db, user.owner, user.name, { emailVerified: true });
    user.emailVerified = true;
  }
  const factor = type === 'email' ? EMAIL_CODE_FACTOR : SMS_CODE_FACTOR;
  const due = secondFactorDue(user, organization, application);
  // A second code to the same inbox (or phone) is not a second factor: such an account signs in with its password.
  if (due?.stage === 'verify' && due.methods.every((method) => method === factor))
    throw new ApiError('mfa.code_signin_same_factor');
  if (due) {
    const begun = await beginPendingSignin(context, request, {
      user,
      application,
      purpose: 'login',
      due,
      factors: [factor],
      details: { autoSignin: body.autoSignin ?? false },
    });
    return { kind: 'second-factor', user, application, due, pending: begun.pending, cookie: begun.cookie };
  }
  return finishSignIn(context, request, {
    user,
    application,
    factors: [factor],
    autoSignin: body.autoSignin ?? false,
  });
}
