'use server';

import { translate } from '@latchkey/i18n';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { adoptPendingCookie, adoptSessionCookie } from '../adopt-cookies';
import { callApi } from '../api';
import { type ImageCaptcha, imageCaptchaOf, isCaptchaRefusal } from '../captcha';
import { offersCodeSignin } from '../code-signin';
import { LAST_ORGANIZATION_COOKIE, PENDING_SIGNIN_COOKIE } from '../cookie-names';
import { getBrowserLanguage } from '../i18n/browser-language';
import { getT } from '../i18n/server';
import { safeReturnPath } from '../paths';

/** The sign-in by code: the address asked for, then the code sent there. */
export interface CodeSignInState {
  step: 'send' | 'code';
  organization: string;
  destination?: string;
  /** The organization's default application, through which the code is sent and the sign-in made. */
  application?: string;
  captcha?: ImageCaptcha;
  next?: string;
  notice?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}

const field = (formData: FormData, name: string) => String(formData.get(name) ?? '').trim();

/** Sends a code for `login` to the email address or phone number typed, through the organization's default application. */
async function sendCode(state: CodeSignInState, formData: FormData): Promise<CodeSignInState> {
  const t = await getT();
  const language = await getBrowserLanguage();
  const organization = field(formData, 'organization');
  const destination = field(formData, 'destination');
  const base = { ...state, organization, destination, error: undefined, fieldErrors: undefined, notice: undefined };
  const fieldErrors: Record<string, string> = {};
  if (!organization) fieldErrors.organization = t('codesignin.required');
  if (!destination) fieldErrors.destination = t('codesignin.required');
  if (Object.keys(fieldErrors).length > 0) return { ...base, fieldErrors };
  const found = await callApi<{ name: string; enableCodeSignin?: boolean; signinMethods?: { name: string }[] } | null>(
    'GET',
    '/api/get-default-application',
    { anonymous: true, language, query: { id: `admin/${organization}` } },
  );
  if (!found.ok) return { ...base, error: found.msg };
  if (!found.data)
    return { ...base, error: translate(language, 'auth.organization_not_found', { name: organization }) };
  if (!offersCodeSignin(found.data)) return { ...base, error: t('codesignin.disabled') };
  const application = found.data.name;
  const captchaId = state.captcha && state.application === application ? state.captcha.id : '';
  const sent = await callApi('POST', '/api/send-verification-code', {
    anonymous: true,
    language,
    form: {
      applicationId: `admin/${application}`,
      method: 'login',
      type: destination.includes('@') ? 'email' : 'phone',
      dest: destination,
      ...(captchaId
        ? { captchaType: 'Default', captchaToken: field(formData, 'captchaToken'), clientSecret: captchaId }
        : { captchaType: 'none' }),
    },
  });
  if (!sent.ok) {
    const asked = captchaId !== '' || (await isCaptchaRefusal(sent.msg));
    const captcha = asked ? await imageCaptchaOf(application) : undefined;
    return { ...base, application, captcha, error: sent.msg };
  }
  return { ...base, step: 'code', application, captcha: undefined, notice: t('codesignin.sent') };
}

/** Signs in with the code (POST /api/login with `code`); a second factor that is due is asked for on the sign-in page. */
async function signInWithCode(state: CodeSignInState, formData: FormData): Promise<CodeSignInState> {
  const t = await getT();
  const code = field(formData, 'code').replace(/\s+/g, '');
  const base = { ...state, error: undefined, fieldErrors: undefined };
  if (!code) return { ...base, fieldErrors: { code: t('codesignin.required') } };
  const result = await callApi<string>('POST', '/api/login', {
    anonymous: true,
    language: await getBrowserLanguage(),
    json: {
      type: 'login',
      application: state.application,
      organization: state.organization,
      username: state.destination,
      code,
      autoSignin: formData.get('remember') === 'on',
    },
  });
  if (!result.ok) return { ...base, fieldErrors: { code: result.msg } };
  const next = safeReturnPath(state.next);
  const store = await cookies();
  store.set(LAST_ORGANIZATION_COOKIE, state.organization, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
  if (result.data === 'NextMfa') {
    await adoptPendingCookie(result.setCookies);
    redirect(`/login?secondFactor=1${next === '/' ? '' : `&next=${encodeURIComponent(next)}`}`);
  }
  store.delete(PENDING_SIGNIN_COOKIE);
  await adoptSessionCookie(result.setCookies);
  redirect(next);
}

/** The code sign-in form's action: `send` asks for a code, `code` signs in with it; `intent=resend` goes back a step. */
export async function codeSignIn(state: CodeSignInState, formData: FormData): Promise<CodeSignInState> {
  if (formData.get('intent') === 'resend')
    return { ...state, step: 'send', notice: undefined, error: undefined, fieldErrors: undefined };
  return state.step === 'send' ? sendCode(state, formData) : signInWithCode(state, formData);
}
