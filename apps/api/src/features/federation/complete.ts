import {
  codecs,
  findApplication,
  findOrganization,
  findUser,
  findUserById,
  findUserNamesWith,
  insertUser,
} from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';
import { type AppContext, formatTime } from '../../core/context.ts';
import { newId, randomHex, randomToken } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { sessionOfRequest } from '../../core/identity/credentials/session-cookie.ts';
import { secondFactorDue } from '../../core/identity/second-factors.ts';
import { signInRefusal } from '../../core/identity/sign-in-rules.ts';
import { requestInfo } from '../../http/request-info.ts';
import { finishSignIn, type SecondFactorPending, type SignedIn } from '../account/sign-in.ts';
import { beginPendingSignin } from '../mfa/pending-signin.ts';
import { type SignInProvider, signInProviderOf } from './application-providers.ts';
import { issueCodeFor } from './code.ts';
import { providerFailure } from './failures.ts';
import { linkAccount, linkedProfile, userLinkedTo } from './links.ts';
import type { ExternalAccount } from './provider-types.ts';
import { callbackUrl, type FederatedSignin, takeFederatedSigninOf } from './signin-state.ts';
import { completeAtUpstream, openUpstream } from './upstream.ts';

/** The factor of a sign-in at an outside provider. */
export const PROVIDER_FACTOR = 'provider';

/** The provider's answer as the callback page passes it on (Casdoor's AuthForm fields). */
export interface ProviderCallback {
  /** The provider's name; when given it must be the one the sign-in began with. */
  provider?: string;
  code?: string;
  state?: string;
  /** RFC 9207: the issuer the provider named in its answer, when it names one. */
  iss?: string;
  /** The provider's error, when it sent one instead of a code. */
  error?: string;
  method?: string;
  application?: string;
}

export type ProviderLoginOutcome =
  | { kind: 'linked'; user: User }
  | { kind: 'signed-in'; signedIn: SignedIn; redirectUrl?: string; code?: string; next?: string }
  | SecondFactorPending;

const sameMethod = (sent: string | undefined, begun: FederatedSignin['method']) =>
  !sent || (begun === 'link' ? sent === 'link' : sent === 'signin' || sent === 'signup' || sent === 'login');

/**
 * The end of a sign-in at a provider (POST /api/login with provider, code and state): the state
 * must be one this server began for this browser (taken once); the provider's answer is checked and
 * the account read (upstream.ts); then, by the method it began with, the account is linked to the
 * signed-in user, or its user signs in — found by the link, else by a verified e-mail where the
 * application allows linking by e-mail, else signed up where the application's item allows it.
 */
export async function completeProviderSignIn(
  context: AppContext,
  request: Request,
  callback: ProviderCallback,
): Promise<ProviderLoginOutcome> {
  const begun = callback.state ? await takeFederatedSigninOf(context, request, callback.state) : undefined;
  if (!begun) throw new ApiError('federation.state_invalid');
  const [owner, name] = begun.provider.split('/');
  if (callback.provider && name !== callback.provider && begun.provider !== callback.provider)
    throw new ApiError('federation.state_invalid');
  if (!sameMethod(callback.method, begun.method)) throw new ApiError('federation.state_invalid');
  const application = await findApplication(context.db, begun.application);
  if (!application) throw new ApiError('auth.application_not_found', { name: begun.application });
  if (callback.application && callback.application !== application.name && begun.method !== 'link')
    throw new ApiError('federation.state_invalid');
  const offered = await signInProviderOf(context, application, name ?? '');
  if (offered.provider.owner !== owner) throw new ApiError('federation.provider_not_enabled', { provider: name ?? '' });
  if (callback.error || !callback.code)
    throw new ApiError('federation.provider_refused', {
      provider: offered.provider.displayName || offered.provider.name,
    });
  const account = await accountAt(context, application, offered, begun, callback);
  if (begun.method === 'link') return linkToSignedInUser(context, request, offered, begun, account);
  return signInWithAccount(context, request, application, offered, begun, account);
}

async function accountAt(
  context: AppContext,
  application: Application,
  offered: SignInProvider,
  begun: FederatedSignin,
  callback: ProviderCallback,
): Promise<ExternalAccount> {
  const parameters = new URLSearchParams({ code: callback.code ?? '', state: callback.state ?? '' });
  if (callback.iss) parameters.set('iss', callback.iss);
  try {
    const upstream = await openUpstream(context, application.organization, offered.provider, offered.type);
    return await completeAtUpstream(context, upstream, {
      parameters,
      state: callback.state ?? '',
      nonce: begun.nonce,
      codeVerifier: begun.codeVerifier,
      redirectUri: callbackUrl(context, offered.type),
    });
  } catch (error) {
    throw providerFailure(context, offered.provider, error);
  }
}

/** `link`: the account joins the user who began it, who must still be the one signed in. */
async function linkToSignedInUser(
  context: AppContext,
  request: Request,
  offered: SignInProvider,
  begun: FederatedSignin,
  account: ExternalAccount,
): Promise<ProviderLoginOutcome> {
  const session = await sessionOfRequest(context, request);
  if (!session || session.user.id !== begun.userId) throw new ApiError('general.please_login_first');
  const user = await findUserById(context.db, begun.userId);
  if (!user || user.isDeleted) throw new ApiError('general.please_login_first');
  await linkAccount(context, user, offered.type, account);
  return { kind: 'linked', user };
}

async function refuseIfBarred(context: AppContext, application: Application, user: User): Promise<void> {
  const refusal = await signInRefusal(context, application, user);
  if (!refusal) return;
  if (refusal === 'user_forbidden' || refusal === 'user_deleted') throw new ApiError('auth.user_forbidden');
  throw new ApiError('auth.password_signin_disabled');
}

/** The user the account signs in: the linked one; else, where allowed, one with the same verified e-mail; else a new one where allowed. */
async function userForAccount(
  context: AppContext,
  request: Request,
  application: Application,
  offered: SignInProvider,
  account: ExternalAccount,
): Promise<User> {
  const organization = application.organization;
  const linked = await userLinkedTo(context, organization, offered.type, account);
  if (linked && !linked.isDeleted) return linked;
  // Global administrators are made and linked by hand (method link), never by an outside account.
  if (organization === BUILT_IN_ORGANIZATION)
    throw new ApiError('federation.signup_not_allowed', {
      provider: offered.provider.displayName || offered.provider.name,
    });
  // Linking by e-mail needs the application's consent and the provider's word that the address is the person's.
  if (application.enableLinkWithEmail && account.emailVerified && account.email) {
    const holders = await findUserNamesWith(context.db, organization, 'email', account.email, 2);
    if (holders.length === 1) {
      const [byEmail] = holders;
      const user = await findUser(context.db, organization, byEmail!);
      if (user && !user.isDeleted && !user[offered.type.column]) {
        await linkAccount(context, user, offered.type, account);
        return (await findUserById(context.db, user.id)) ?? user;
      }
    }
  }
  if (!application.enableSignUp || !offered.item.canSignUp)
    throw new ApiError('federation.signup_not_allowed', {
      provider: offered.provider.displayName || offered.provider.name,
    });
  return signUpWithAccount(context, request, application, offered, account);
}

const usernamePattern = /^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$/;

function usernameFor(offered: SignInProvider, account: ExternalAccount): string {
  const cleaned = account.username
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/[-_.]{2,}/g, '-')
    .replace(/^[^A-Za-z]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 80);
  if (cleaned.length >= 2 && usernamePattern.test(cleaned) && !cleaned.includes('@')) return cleaned;
  return `${offered.type.column}-${account.id.replace(/[^A-Za-z0-9]+/g, '').slice(0, 60) || randomHex(4)}`;
}

/** A new user of the application's organization for the account: never an administrator, no usable password. */
async function signUpWithAccount(
  context: AppContext,
  request: Request,
  application: Application,
  offered: SignInProvider,
  account: ExternalAccount,
): Promise<User> {
  const organization = await findOrganization(context.db, application.organization);
  if (!organization) throw new ApiError('auth.organization_not_found', { name: application.organization });
  let name = usernameFor(offered, account);
  if ((await findUserNamesWith(context.db, organization.name, 'name', name, 1)).length > 0)
    name = `${name}-${randomHex(3)}`;
  const now = formatTime(context.clock.now());
  const profile = await linkedProfile(context, organization.name, offered.type, account);
  const user = codecs.user.decode(
    codecs.user.encode({
      owner: organization.name,
      name,
      id: newId(),
      createdTime: now,
      updatedTime: now,
      type: 'normal-user',
      avatar: organization.defaultAvatar,
      score: organization.initScore,
      signupApplication: application.name,
      registerType: 'Application Signup',
      registerSource: `${organization.name}/${application.name}`,
      createdIp: requestInfo(request).clientIp,
      ...profile,
      [offered.type.column]: account.id,
      // Nobody knows this password: the user signs in through the provider until they set one.
      ...(await context.passwords.hash(randomToken())),
    }),
  );
  try {
    await insertUser(context.db, user);
  } catch (error) {
    // The same account signing up twice at once: the other request's user is the one.
    const winner = await userLinkedTo(context, organization.name, offered.type, account);
    if (winner) return winner;
    throw error;
  }
  return user;
}

async function signInWithAccount(
  context: AppContext,
  request: Request,
  application: Application,
  offered: SignInProvider,
  begun: FederatedSignin,
  account: ExternalAccount,
): Promise<ProviderLoginOutcome> {
  const user = await userForAccount(context, request, application, offered, account);
  await refuseIfBarred(context, application, user);
  if (user[offered.type.column] === account.id) {
    // Keep what is known of the account up to date, as Casdoor does at every sign-in.
    await linkAccount(context, user, offered.type, account);
  }
  const organization = await findOrganization(context.db, user.owner);
  const authorization = begun.request.authorization;
  const due = secondFactorDue(user, organization, application, false);
  if (due) {
    // The second step completes as a sign-in of the console (POST /api/login with the passcode).
    const begunPending = await beginPendingSignin(context, request, {
      user,
      application,
      purpose: 'login',
      due,
      factors: [PROVIDER_FACTOR],
      details: { autoSignin: false },
    });
    return { kind: 'second-factor', user, application, due, ...begunPending };
  }
  if (authorization) {
    const { code, redirectUrl, signedIn } = await issueCodeFor(context, request, {
      authorization,
      application,
      user,
      factors: [PROVIDER_FACTOR],
    });
    return { kind: 'signed-in', signedIn, code, redirectUrl };
  }
  const signedIn = await finishSignIn(context, request, {
    user,
    application,
    factors: [PROVIDER_FACTOR],
    autoSignin: false,
  });
  return { kind: 'signed-in', signedIn, next: begun.request.next };
}
