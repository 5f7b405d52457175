import { findOrganization, raiseSessionFactors } from '@latchkey/db';
import { type MessageKey, type MessageParams, translate } from '@latchkey/i18n';
import type { AuthorizeSecondFactorView, User } from '@latchkey/types';
import { nowSeconds } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { anonymous } from '../../../core/identity/identity.ts';
import {
  EMAIL_CODE_FACTOR,
  enrolledSecondFactors,
  type SecondFactorDue,
  SMS_CODE_FACTOR,
  secondFactorDue,
  TOTP_FACTOR,
  WEBAUTHN_FACTOR,
} from '../../../core/identity/second-factors.ts';
import { countFailedCredential } from '../../../http/rate-limit/failed-credentials.ts';
import { requestInfo } from '../../../http/request-info.ts';
import { finishSignIn } from '../../account/sign-in.ts';
import { enrolmentForPendingSignin } from '../../mfa/enrolment.ts';
import { methodOf } from '../../mfa/factors.ts';
import {
  beginPendingSignin,
  completePendingSignin,
  type PendingSignin,
  pendingSigninCookieHeader,
  pendingSigninOf,
} from '../../mfa/pending-signin.ts';
import { hasSecondFactor, partiesOf, passEnrolment, passSecondFactor } from '../../mfa/second-step.ts';
import { noteAuditFailure, noteAuditSignIn } from '../../objects/audit-target.ts';
import { passkeysUsable } from '../../passkeys/relying-party.ts';
import { maskEmail, maskPhone } from '../../verification/destinations.ts';
import { sendVerificationCode } from '../../verification/send-code.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import { csrfTokenFor } from './csrf.ts';
import {
  type AuthorizeOutcome,
  brandingFor,
  carriedParameters,
  type Flow,
  page,
  redirectWithCode,
  renderSignIn,
} from './flow.ts';
import { secondFactorPage } from './page.ts';
import type { SessionUser } from './session-user.ts';

/*
 * The second step of a sign-in at the authorization endpoint: after a password, or for a signed-in
 * session that has not passed a second factor this request needs (the user has one set up, the
 * organization or application requires one, or `acr_values` asks for it): a step-up. The state in
 * between is a pending sign-in (features/mfa/pending-signin.ts): on the server, bound to this
 * browser's cookie, five minutes, completed once.
 */

/** The second factor a signed-in session still has to pass before it may answer this request; undefined when it may as it is. */
export async function stepUpDue(
  flow: Flow,
  session: SessionUser,
  authorization: AuthorizationRequest,
): Promise<SecondFactorDue | undefined> {
  if (hasSecondFactor(session.factors)) return undefined;
  const organization = await findOrganization(flow.context.db, session.user.owner);
  return secondFactorDue(session.user, organization, authorization.application, authorization.demandsMfa);
}

/** The page of the second step of a pending sign-in: the code to enter, or the factor to set up first. */
export async function renderSecondFactor(
  flow: Flow,
  authorization: AuthorizationRequest,
  pending: PendingSignin,
  user: User,
  options: {
    status?: number;
    error?: { key: MessageKey; params?: MessageParams };
    errorField?: AuthorizeSecondFactorView['errorField'];
    cookies?: string[];
    /** The factor the user chose (else the preferred one). */
    method?: string;
    codeSent?: boolean;
  } = {},
): Promise<AuthorizeOutcome> {
  const csrf = csrfTokenFor(flow.context, flow.request);
  const enrolling = pending.stage === 'enrol' && !hasSecondFactor(pending.factors);
  const methods = enrolledSecondFactors(user).filter((type) => methodOf(type) && !pending.factors.includes(type));
  const method = [options.method, user.preferredMfaType, ...methods].find((type) => type && methods.includes(type));
  const destination =
    method === EMAIL_CODE_FACTOR ? maskEmail(user.email) : method === SMS_CODE_FACTOR ? maskPhone(user.phone) : '';
  const view: AuthorizeSecondFactorView = {
    kind: 'second-factor',
    application: {
      name: authorization.application.name,
      displayName: authorization.application.displayName,
      logo: authorization.application.logo,
    },
    parameters: carriedParameters(flow),
    csrfToken: csrf.token,
    userName: user.displayName || user.name,
    stage: enrolling ? 'enrol' : 'verify',
    methods: enrolling ? [TOTP_FACTOR] : methods,
    ...(enrolling || !method ? {} : { method }),
    ...(destination && !enrolling ? { destination, codeSent: options.codeSent ?? false } : {}),
    passkey: !enrolling && enrolledSecondFactors(user).includes(WEBAUTHN_FACTOR),
    passkeyEnrolment: enrolling && passkeysUsable(flow.context),
    enrolment: enrolling ? await enrolmentForPendingSignin(flow.context, user, TOTP_FACTOR, pending.id) : undefined,
    errorText: options.error ? translate(flow.language, options.error.key, options.error.params) : undefined,
    errorField: options.error ? options.errorField : undefined,
    branding: await brandingFor(flow.context, authorization.application),
  };
  const cookies = [...(csrf.setCookie ? [csrf.setCookie] : []), ...(options.cookies ?? [])];
  // The portal draws the QR code from the URI itself: the image would not fit in the header that carries the view.
  const portalView: AuthorizeSecondFactorView = view.enrolment
    ? { ...view, enrolment: { ...view.enrolment, qrCode: '' } }
    : view;
  return page(options.status ?? 200, secondFactorPage(flow.language, view), cookies, portalView);
}

/** A signed-in session steps up: a pending sign-in that raises the session's factors once the second one is passed. */
export async function askSessionStepUp(
  flow: Flow,
  authorization: AuthorizationRequest,
  session: SessionUser,
  due: SecondFactorDue,
): Promise<AuthorizeOutcome> {
  const begun = await beginPendingSignin(flow.context, flow.request, {
    user: session.user,
    application: authorization.application,
    purpose: 'authorize',
    due,
    factors: session.factors,
    details: { authorization: carriedParameters(flow) },
    sessionId: session.sessionId,
  });
  return renderSecondFactor(flow, authorization, begun.pending, session.user, { cookies: [begun.cookie] });
}

/**
 * The second step's form (action `mfa`): a code of the authenticator app or a recovery code (or the
 * first code of a factor being set up), checked under the account lockout; then the session (a new
 * one, or the stepped-up one with its factors raised) and a 303 to the client with a code that says
 * how the user signed in. A wrong code shows the step again and counts as a failed credential of
 * the address; a sign-in that expired shows the password form.
 */
export async function submitSecondFactor(
  flow: Flow,
  authorization: AuthorizationRequest,
  fields: { mfaType?: string; passcode?: string; recoveryCode?: string },
): Promise<AuthorizeOutcome> {
  const { context, request } = flow;
  const expired = async (key: MessageKey = 'mfa.signin_expired') => {
    noteAuditFailure(request, key);
    await countFailedCredential(context, request);
    return renderSignIn(flow, authorization, {
      status: 400,
      error: { key },
      cookies: [pendingSigninCookieHeader(context, undefined)],
    });
  };
  const pending = await pendingSigninOf(context, request);
  if (pending?.purpose !== 'authorize' || pending.application !== authorization.application.name) return expired();
  try {
    const parties = await partiesOf(context, pending);
    const { user, application } = parties;
    const enrolling = pending.stage === 'enrol' && !hasSecondFactor(pending.factors);
    const factors = enrolling
      ? await passEnrolment(context, request, pending, parties, {
          mfaType: fields.mfaType || TOTP_FACTOR,
          passcode: fields.passcode ?? '',
        })
      : await passSecondFactor(context, request, pending, parties, fields);
    await completePendingSignin(context, pending);
    const done = pendingSigninCookieHeader(context, undefined);
    const now = nowSeconds(context);
    if (pending.sessionId) {
      if (!(await raiseSessionFactors(context.db, pending.sessionId, factors, now)))
        return expired('oauth.session_ended');
      noteAuditSignIn(request, user);
      return redirectWithCode(flow, authorization, { user, sessionId: pending.sessionId, authTime: now, factors }, [
        done,
      ]);
    }
    const signedIn = await finishSignIn(context, request, {
      user,
      application,
      factors,
      autoSignin: pending.request.autoSignin ?? false,
    });
    return redirectWithCode(
      flow,
      authorization,
      { user, sessionId: signedIn.session!.sessionId, authTime: now, factors },
      [signedIn.cookie!, done],
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'mfa.signin_expired') return expired();
    noteAuditFailure(request, error.code, error.params);
    await countFailedCredential(context, request);
    const fresh = await pendingSigninOf(context, request);
    const shown = fresh && (await partiesOf(context, fresh).catch(() => undefined));
    if (!fresh || !shown) return expired();
    return renderSecondFactor(flow, authorization, fresh, shown.user, {
      status: 400,
      error: { key: error.code, params: error.params },
      errorField: fields.recoveryCode?.trim() ? 'recoveryCode' : 'passcode',
      method: fields.mfaType,
    });
  }
}

/**
 * The second step's other factor (action `mfa-method`): shows the form of the factor chosen, and
 * with `send`, first sends a code by email or text message for this pending sign-in (as
 * send-verification-code with method mfaAuth does; the same limits apply). A refused send shows the
 * step again with why.
 */
export async function chooseSecondFactor(
  flow: Flow,
  authorization: AuthorizationRequest,
  fields: { mfaType: string; send: boolean },
): Promise<AuthorizeOutcome> {
  const { context, request } = flow;
  const pending = await pendingSigninOf(context, request);
  const parties =
    pending?.purpose === 'authorize' && pending.application === authorization.application.name
      ? await partiesOf(context, pending).catch(() => undefined)
      : undefined;
  if (!pending || !parties) {
    return renderSignIn(flow, authorization, {
      status: 400,
      error: { key: 'mfa.signin_expired' },
      cookies: [pendingSigninCookieHeader(context, undefined)],
    });
  }
  const { user } = parties;
  const method = fields.mfaType;
  if (!fields.send || (method !== EMAIL_CODE_FACTOR && method !== SMS_CODE_FACTOR))
    return renderSecondFactor(flow, authorization, pending, user, { method });
  try {
    await sendVerificationCode(
      context,
      { identity: anonymous, language: flow.language, clientIp: requestInfo(request).clientIp, request },
      {
        type: method === EMAIL_CODE_FACTOR ? 'email' : 'phone',
        dest: method === EMAIL_CODE_FACTOR ? user.email : user.phone,
        method: 'mfaAuth',
      },
    );
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return renderSecondFactor(flow, authorization, pending, user, {
      status: 400,
      error: { key: error.code, params: error.params },
      method,
    });
  }
  return renderSecondFactor(flow, authorization, pending, user, { method, codeSent: true });
}
