import { findOrganization, raiseSessionFactors } from '@latchkey/db';
import { type MessageKey, type MessageParams, translate } from '@latchkey/i18n';
import type { AuthorizeSecondFactorView, User } from '@latchkey/types';
import { nowSeconds } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import {
  enrolledSecondFactors,
  type SecondFactorDue,
  secondFactorDue,
  TOTP_FACTOR,
  WEBAUTHN_FACTOR,
} from '../../../core/identity/second-factors.ts';
import { countFailedCredential } from '../../../http/rate-limit/failed-credentials.ts';
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
  } = {},
): Promise<AuthorizeOutcome> {
  const csrf = csrfTokenFor(flow.context, flow.request);
  const enrolling = pending.stage === 'enrol' && !hasSecondFactor(pending.factors);
  const methods = enrolledSecondFactors(user).filter((type) => methodOf(type));
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
    });
  }
}
