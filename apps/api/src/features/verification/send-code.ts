import { findApplication, findEnrolment, findOrganization, findUser } from '@latchkey/db';
import type { Language } from '@latchkey/i18n';
import type { Application, Organization, Provider, User } from '@latchkey/types';
import { type AppContext, nowSeconds } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { pleaseSignIn } from '../../core/identity/privileges.ts';
import {
  EMAIL_CODE_FACTOR,
  enrolledSecondFactors,
  hasSecondFactor,
  SMS_CODE_FACTOR,
} from '../../core/identity/second-factors.ts';
import type { OutboundMessage } from '../../jobs/outbound/delivery-store.ts';
import { type CaptchaAnswer, requireCaptcha } from '../captcha/require-captcha.ts';
import { pendingSigninOf } from '../mfa/pending-signin.ts';
import { partiesOf } from '../mfa/second-step.ts';
import { checkSendable, emailMessage, smsMessage } from '../notifications/provider-messages.ts';
import { findAccount, usable, userByEmail, userByPhone } from './accounts.ts';
import { CODE_LIFETIME_MINUTES, CODE_PURPOSES, type CodePurpose, issueCode, newCode } from './codes.ts';
import {
  type DestinationType,
  destinationTypeOf,
  maskEmail,
  maskPhone,
  normalDestination,
  normalEmail,
  normalPhone,
} from './destinations.ts';
import { applicationProviderFor } from './providers.ts';
import { codeEmail, codeText } from './templates.ts';

/** Casdoor's VerificationForm. */
export interface SendCodeRequest {
  dest?: string;
  type?: string;
  countryCode?: string;
  applicationId?: string;
  method?: string;
  checkUser?: string;
  /** The answer to the application's captcha, when its rule asks for one before a code is sent. */
  captcha?: CaptchaAnswer;
}

export interface SendCodeCaller {
  identity: Identity;
  language: Language;
  clientIp: string;
  /** Its cookies name a pending sign-in (`mfaAuth`, and `mfaSetup` of a factor the sign-in requires). */
  request: Request;
}

function purposeOf(method: string | undefined): CodePurpose {
  const purpose = CODE_PURPOSES.find((each) => each === method);
  if (!purpose) throw new ApiError('verification.method_invalid', { method: (method ?? '').slice(0, 40) });
  return purpose;
}

/** The application an `applicationId` (`owner/name`, the owner always "admin") names. */
async function applicationOf(context: AppContext, applicationId: string | undefined): Promise<Application> {
  const id = applicationId ?? '';
  const slash = id.indexOf('/');
  if (slash < 0) throw new ApiError('verification.application_id_invalid');
  const name = id.slice(slash + 1);
  const application = await findApplication(context.db, name);
  if (!application) throw new ApiError('auth.application_not_found', { name });
  return application;
}

/** Whether the application offers "Forgot password?": yes unless its sign-in items hide it. */
function offersPasswordReset(application: Application): boolean {
  const item = application.signinItems.find((each) => each.name === 'Forgot password?');
  return !item || item.visible;
}

const contactOf = (user: User, type: DestinationType) => (type === 'email' ? user.email : user.phone);
const normalOf = (type: DestinationType, value: string) => (type === 'email' ? normalEmail(value) : normalPhone(value));

/**
 * The account a code for signing in or recovering a password goes to, and its destination: the
 * account named by `checkUser` (its name, email or phone) when `dest` is its contact or the masked
 * form `get-email-and-phone` showed, else the account whose contact `dest` is. Undefined when there
 * is none (or it may not sign in): the request is then answered as any other, and nothing is sent.
 */
async function accountFor(
  context: AppContext,
  organization: string,
  type: DestinationType,
  request: SendCodeRequest,
): Promise<{ user?: User; destination: string }> {
  const dest = (request.dest ?? '').trim();
  if (request.checkUser) {
    const user = await findAccount(context, organization, request.checkUser);
    const contact = user ? contactOf(user, type) : '';
    const masked = type === 'email' ? maskEmail(contact) : maskPhone(contact);
    if (user && contact && (dest === masked || normalOf(type, dest) === normalOf(type, contact)))
      return { user: usable(user) ? user : undefined, destination: normalOf(type, contact) };
    return { destination: dest.includes('*') ? dest.toLowerCase() : normalDestination(type, dest) };
  }
  const destination = normalDestination(type, dest);
  const user =
    type === 'email' ? await userByEmail(context, organization, dest) : await userByPhone(context, organization, dest);
  return { user: usable(user) ? user : undefined, destination };
}

interface Target {
  organization: Organization;
  user?: User;
  /** Whether the code is bound to the account (else to the destination alone: sign-up). */
  bound: boolean;
  destination: string;
  /** false: nobody to send to; the request is recorded and answered alike. */
  deliver: boolean;
}

async function targetOf(
  context: AppContext,
  caller: SendCodeCaller,
  application: Application,
  purpose: CodePurpose,
  type: DestinationType,
  request: SendCodeRequest,
): Promise<Target> {
  const organization = await findOrganization(context.db, application.organization);
  if (!organization) throw new ApiError('auth.organization_not_found', { name: application.organization });
  if (purpose === 'signup')
    return { organization, bound: false, destination: normalDestination(type, request.dest ?? ''), deliver: true };
  if (purpose === 'reset') {
    // A new email address or phone number for the signed-in user, in their own organization.
    const { identity } = caller;
    if (identity.kind !== 'user') throw pleaseSignIn();
    const own = await findOrganization(context.db, identity.user.owner);
    if (!own) throw new ApiError('auth.organization_not_found', { name: identity.user.owner });
    const destination = normalDestination(type, request.dest ?? '');
    return { organization: own, user: identity.user, bound: true, destination, deliver: true };
  }
  const { user, destination } = await accountFor(context, organization.name, type, request);
  return { organization, user, bound: true, destination, deliver: user !== undefined };
}

/**
 * POST /api/send-verification-code: a six-digit code to an email address or phone number, for a
 * purpose (`method`), through the application's provider of that category whose rule covers the
 * method. The code is bound to the account (or, for sign-up, to the destination) and the purpose;
 * its message is queued in the durable outbox (retried, never delaying the answer). Asking for a
 * code for an account that does not exist answers exactly as for one that does. The application's
 * captcha is asked for first when its rule is Always (or Internet-Only, from a public address); the
 * Dynamic rule, which counts one user's failed sign-ins, does not apply here, since whether it asks
 * would tell whether the account exists.
 */
export async function sendVerificationCode(
  context: AppContext,
  caller: SendCodeCaller,
  request: SendCodeRequest,
): Promise<void> {
  const type = destinationTypeOf(request.type);
  if (!request.dest) throw new ApiError('general.missing_parameter', { name: 'dest' });
  const purpose = purposeOf(request.method);
  if (purpose === 'mfaSetup' || purpose === 'mfaAuth') return sendSecondFactorCode(context, caller, request, purpose);
  const application = await applicationOf(context, request.applicationId);
  if (purpose === 'forget' && !offersPasswordReset(application))
    throw new ApiError('verification.forgot_password_disabled');
  await requireCaptcha(context, { application, clientIp: caller.clientIp, answer: request.captcha ?? {} });
  const category = type === 'email' ? 'Email' : 'SMS';
  // The provider is found before any account is looked up: its absence must not depend on who asks.
  const provider = await applicationProviderFor(context, application, category, purpose);
  if (!provider) throw new ApiError('service.no_provider', { category });
  checkSendable(provider);
  const target = await targetOf(context, caller, application, purpose, type, request);
  await sendTo(context, caller, { application, provider, purpose, type, target });
}

/** Makes a code, records it bound to the target, and queues its message (unless there is no one to send to). */
async function sendTo(
  context: AppContext,
  caller: SendCodeCaller,
  send: {
    application: Application;
    provider: Provider;
    purpose: CodePurpose;
    type: DestinationType;
    target: Target;
    pendingSignin?: string;
  },
): Promise<void> {
  const { application, provider, purpose, type, target } = send;
  const code = newCode();
  // The message is made whether or not it is sent, so that a provider's mistake shows alike.
  const outbound = messageFor(context, provider, caller.language, target, type, code);
  await issueCode(context, {
    binding: {
      organization: target.organization.name,
      purpose,
      userId: target.bound ? (target.user?.id ?? '') : '',
      destination: target.destination,
      pendingSignin: send.pendingSignin,
    },
    application: application.name,
    type,
    remoteAddr: caller.clientIp,
    provider: `${provider.owner}/${provider.name}`,
    code,
    message:
      target.deliver && (!target.bound || target.user)
        ? { kind: type === 'email' ? 'verification-email' : 'verification-sms', outbound: withLogTarget(outbound) }
        : undefined,
  });
}

/**
 * A code of a second factor sent to the user (Casdoor's `mfaSetup` and `mfaAuth`): always to the
 * account's own email address or phone number (`dest` must be it, or the masked form the factor list
 * showed), never elsewhere. `mfaSetup`: for the signed-in user, or the browser of a sign-in that
 * waits for the user to set up a required factor, while a set-up of that factor is in progress.
 * `mfaAuth`: for the browser of a sign-in waiting for its second factor (its cookie), when the user
 * has the factor; the code is bound to that sign-in. Sent through the provider the application of
 * the request (or, within a sign-in, of the sign-in) has for the method.
 */
async function sendSecondFactorCode(
  context: AppContext,
  caller: SendCodeCaller,
  request: SendCodeRequest,
  purpose: 'mfaSetup' | 'mfaAuth',
): Promise<void> {
  const type = destinationTypeOf(request.type);
  const factor = type === 'email' ? EMAIL_CODE_FACTOR : SMS_CODE_FACTOR;
  const pending = await pendingSigninOf(context, caller.request);
  let user: User;
  let application: Application | undefined;
  let pendingSignin = '';
  if (purpose === 'mfaAuth' || caller.identity.kind !== 'user') {
    if (!pending) throw purpose === 'mfaAuth' ? new ApiError('mfa.signin_expired') : pleaseSignIn();
    const stage = purpose === 'mfaAuth' ? 'verify' : 'enrol';
    if (pending.stage !== stage || hasSecondFactor(pending.factors)) throw new ApiError('mfa.signin_expired');
    if (pending.factors.includes(factor)) throw new ApiError('mfa.same_factor');
    const parties = await partiesOf(context, pending);
    user = parties.user;
    application = parties.application;
    if (purpose === 'mfaAuth') pendingSignin = pending.id;
  } else {
    const found = await findUser(context.db, caller.identity.user.owner, caller.identity.user.name);
    if (!usable(found)) throw pleaseSignIn();
    user = found;
    application = request.applicationId ? await applicationOf(context, request.applicationId) : undefined;
  }
  const contact = contactOf(user, type);
  if (purpose === 'mfaAuth' && !enrolledSecondFactors(user).includes(factor))
    throw new ApiError('mfa.not_enrolled', { type: factor });
  if (purpose === 'mfaSetup') {
    const enrolment = await findEnrolment(context.db, user.id, nowSeconds(context));
    if (enrolment?.mfaType !== factor || context.secrets.open(enrolment.secret) !== normalOf(type, contact))
      throw new ApiError('mfa.enrolment_missing');
  }
  const dest = (request.dest ?? '').trim();
  const masked = type === 'email' ? maskEmail(contact) : maskPhone(contact);
  if (!contact || (dest !== masked && normalOf(type, dest) !== normalOf(type, contact)))
    throw new ApiError('mfa.destination_not_own');
  const organization = await findOrganization(context.db, user.owner);
  if (!organization) throw new ApiError('auth.organization_not_found', { name: user.owner });
  const category = type === 'email' ? 'Email' : 'SMS';
  const found = await userProviderFor(context, [application, user, organization], category, purpose);
  if (!found) throw new ApiError('service.no_provider', { category });
  checkSendable(found.provider);
  await sendTo(context, caller, {
    application: found.application,
    provider: found.provider,
    purpose,
    type,
    target: { organization, user, bound: true, destination: normalOf(type, contact), deliver: true },
    pendingSignin,
  });
}

/**
 * The provider a code of a user's second factor goes through: that of the application signed in to
 * (or named), else of the user's sign-up application, else of the organization's default application
 * (so that a sign-in to the console, whose own application sends nothing, reaches the user's
 * organization's provider).
 */
async function userProviderFor(
  context: AppContext,
  [application, user, organization]: [Application | undefined, User, Organization],
  category: 'Email' | 'SMS',
  purpose: CodePurpose,
): Promise<{ application: Application; provider: Provider } | undefined> {
  const names = [application?.name, user.signupApplication, organization.defaultApplication];
  const seen = new Set<string>();
  for (const name of names) {
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const candidate = name === application?.name ? application : await findApplication(context.db, name);
    // Only an application of the user's organization, or the console's own, speaks for the user.
    if (!candidate || (candidate !== application && candidate.organization !== user.owner)) continue;
    const provider = await applicationProviderFor(context, candidate, category, purpose);
    if (provider) return { application: candidate, provider };
  }
  return undefined;
}

function messageFor(
  context: AppContext,
  provider: Provider,
  language: Language,
  target: Target,
  type: DestinationType,
  code: string,
) {
  const { organization, destination } = target;
  if (type === 'email') {
    const email = codeEmail(language, organization, code, CODE_LIFETIME_MINUTES);
    return emailMessage(context, provider, {
      fromName: organization.displayName || organization.name,
      to: destination,
      ...email,
    });
  }
  return smsMessage(
    context,
    provider,
    destination,
    code,
    codeText(language, organization, code, CODE_LIFETIME_MINUTES),
  );
}

/** A code's message names only its server in logs: a gateway's path may carry the code (`{code}`). */
function withLogTarget(outbound: OutboundMessage): OutboundMessage {
  let origin = '(not a URL)';
  try {
    const url = new URL(outbound.url);
    origin = `${url.protocol}//${url.host}`;
  } catch {}
  return { ...outbound, logAs: origin };
}
