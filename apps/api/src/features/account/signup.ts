import { codecs, findOrganization, findRow, findUserNamesWith, insertUser } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { type AppContext, formatTime } from '../../core/context.ts';
import { newId } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { checkPasswordComplexity } from '../../core/passwords/complexity.ts';
import { claimInvitation, invitationForSignup } from '../invitations/signup-invitation.ts';
import { useCode } from '../verification/codes.ts';
import { normalPhone } from '../verification/destinations.ts';
import { loginApplication } from './login.ts';

export interface SignupRequest {
  application?: string;
  organization?: string;
  username?: string;
  password?: string;
  /** Display name. */
  name?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  countryCode?: string;
  /** Casdoor's `invitationCode`: needed when the application's sign-up items require one. */
  invitationCode?: string;
  /** The code sent to `email` for sign-up, when the application's sign-up items ask for one. */
  emailCode?: string;
  /** The code sent to `phone` for sign-up, likewise. */
  phoneCode?: string;
  clientIp: string;
}

/** Whether the application's sign-up items ask for a code for a field (visible, with a rule other than "No verification"). */
function asksForCode(application: Application, item: 'Email' | 'Phone'): boolean {
  const signupItem = application.signupItems.find((each) => each.name === item);
  return !!signupItem && signupItem.visible && signupItem.rule !== 'No verification';
}

const usernamePattern = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[0-9][0-9 -]{3,19}$/;

function checkUsername(username: string): void {
  if (username.length < 2) throw new ApiError('auth.username_too_short');
  if (username.length > 255) throw new ApiError('auth.username_too_long');
  if (/^\d/.test(username)) throw new ApiError('auth.username_starts_with_digit');
  if (emailPattern.test(username)) throw new ApiError('auth.username_is_email');
  if (!usernamePattern.test(username)) throw new ApiError('auth.username_invalid');
}

async function taken(
  context: AppContext,
  organization: string,
  column: 'name' | 'email' | 'phone',
  value: string,
): Promise<boolean> {
  return (await findUserNamesWith(context.db, organization, column, value, 1)).length > 0;
}

/**
 * Creates a user through an application that allows sign-up (Casdoor's /api/signup): the user joins
 * the application's organization as a normal user with an argon2id password; nothing in the request
 * can make them an administrator. Name, email and phone must be free in the organization. An
 * invitation code, when given or required, must be usable for this person; its use is counted
 * with the new user, and the user joins its sign-up group.
 */
export async function signUp(
  context: AppContext,
  request: SignupRequest,
): Promise<{ user: User; application: Application }> {
  const application = await loginApplication(context, request.application);
  if (!application.enableSignUp || application.disableSignin) throw new ApiError('auth.signup_disabled');
  const organizationName = request.organization || application.organization;
  if (organizationName !== application.organization)
    throw new ApiError('auth.signup_wrong_organization', { organization: organizationName });
  const organization = await findOrganization(context.db, organizationName);
  if (!organization) throw new ApiError('auth.organization_not_found', { name: organizationName });

  const username = (request.username ?? '').trim();
  checkUsername(username);
  const email = (request.email ?? '').trim().toLowerCase();
  if (email && !emailPattern.test(email)) throw new ApiError('auth.email_invalid');
  const phone = (request.phone ?? '').trim();
  if (phone && !phonePattern.test(phone)) throw new ApiError('auth.phone_invalid');
  const password = request.password ?? '';
  checkPasswordComplexity(password, organization.passwordOptions, 'password');

  if (await taken(context, organization.name, 'name', username)) throw new ApiError('auth.username_taken');
  if (email && (await taken(context, organization.name, 'email', email))) throw new ApiError('auth.email_taken');
  if (phone && (await taken(context, organization.name, 'phone', phone))) throw new ApiError('auth.phone_taken');
  const invitation = await invitationForSignup(context, application, (request.invitationCode ?? '').trim(), {
    username,
    email,
    phone,
  });

  // An email address is verified only by a code sent to it for sign-up (a phone number likewise).
  let emailVerified = false;
  if (email && asksForCode(application, 'Email')) {
    if (!request.emailCode) throw new ApiError('verification.email_code_required');
    const binding = { organization: organization.name, purpose: 'signup' as const, userId: '', destination: email };
    await useCode(context, binding, request.emailCode, 'spend');
    emailVerified = true;
  }
  if (phone && asksForCode(application, 'Phone')) {
    if (!request.phoneCode) throw new ApiError('verification.phone_code_required');
    const binding = {
      organization: organization.name,
      purpose: 'signup' as const,
      userId: '',
      destination: normalPhone(phone),
    };
    await useCode(context, binding, request.phoneCode, 'spend');
  }

  const now = formatTime(context.clock.now());
  const firstName = (request.firstName ?? '').trim();
  const lastName = (request.lastName ?? '').trim();
  const displayName = (request.name ?? '').trim() || [firstName, lastName].filter(Boolean).join(' ') || username;
  // The invitation's sign-up group is joined only if it still exists (it may have been deleted since).
  const signupGroup =
    invitation?.signupGroup &&
    (await findRow(context.db, 'group', { owner: organization.name, name: invitation.signupGroup }))
      ? [`${organization.name}/${invitation.signupGroup}`]
      : [];
  const user = codecs.user.decode(
    codecs.user.encode({
      owner: organization.name,
      name: username,
      id: newId(),
      createdTime: now,
      updatedTime: now,
      type: 'normal-user',
      displayName,
      firstName,
      lastName,
      email,
      emailVerified,
      phone,
      countryCode: request.countryCode ?? '',
      avatar: organization.defaultAvatar,
      score: organization.initScore,
      signupApplication: application.name,
      registerType: 'Application Signup',
      registerSource: `${organization.name}/${application.name}`,
      createdIp: request.clientIp,
      lastChangePasswordTime: now,
      groups: signupGroup,
      ...(await context.passwords.hash(password)),
    }),
  );
  try {
    if (invitation) {
      // The use is counted with the new user, in one transaction: a sign-up that fails uses nothing.
      await context.db.transaction().execute(async (trx) => {
        await claimInvitation(trx, context, invitation);
        await insertUser(trx, user);
      });
    } else {
      await insertUser(context.db, user);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // Two sign-ups raced for the same name: the primary key kept one.
    if (await taken(context, organization.name, 'name', username)) throw new ApiError('auth.username_taken');
    throw error;
  }
  return { user, application };
}
