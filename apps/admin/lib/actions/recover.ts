'use server';

import { translate } from '@latchkey/i18n';
import { redirect } from 'next/navigation';
import { callApi } from '../api';
import { fieldOfError } from '../api-failure';
import { type ImageCaptcha, imageCaptchaOf } from '../captcha';
import { getLanguage, getT } from '../i18n/server';
import { recoveryReturnPath } from '../recovery-paths';

/**
 * Where the forgotten-password page is: who is recovering (as typed), through which application,
 * where a code may go (masked), and the code once it was accepted.
 */
export interface RecoverState {
  step: 'identify' | 'send' | 'code' | 'password';
  organization: string;
  /** The application is the page's (an OAuth application's page); else the organization's default one. */
  fixedApplication?: string;
  application?: string;
  username?: string;
  email?: string;
  phone?: string;
  type?: 'email' | 'phone';
  code?: string;
  captcha?: ImageCaptcha;
  next?: string;
  notice?: string;
  /** The new password was set: the page the browser goes to (an OAuth request is the API's page, not the console's). */
  done?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}

const anonymous = { anonymous: true } as const;
const field = (formData: FormData, name: string) => String(formData.get(name) ?? '').trim();

/** The application a recovery goes through: the page's, else the organization's default application. */
async function applicationFor(state: RecoverState, organization: string): Promise<string | { error: string }> {
  if (state.fixedApplication) return state.fixedApplication;
  const answer = await callApi<{ name: string } | null>('GET', '/api/get-default-application', {
    ...anonymous,
    query: { id: `admin/${organization}` },
  });
  if (!answer.ok) return { error: answer.msg };
  if (!answer.data)
    return { error: translate(await getLanguage(), 'auth.organization_not_found', { name: organization }) };
  return answer.data.name;
}

/** The first step: the account as typed; where a code may go (get-email-and-phone never tells whether it exists). */
async function identify(state: RecoverState, formData: FormData): Promise<RecoverState> {
  const t = await getT();
  const organization = state.fixedApplication ? state.organization : field(formData, 'organization');
  const username = field(formData, 'username');
  const base = { ...state, organization, username, notice: undefined, error: undefined, fieldErrors: undefined };
  const fieldErrors: Record<string, string> = {};
  if (!organization) fieldErrors.organization = t('recover.required');
  if (!username) fieldErrors.username = t('recover.required');
  if (Object.keys(fieldErrors).length > 0) return { ...base, fieldErrors };
  const application = await applicationFor(state, organization);
  if (typeof application !== 'string') return { ...base, error: application.error };
  const found = await callApi<{ name: string; email: string; phone: string }>('GET', '/api/get-email-and-phone', {
    ...anonymous,
    query: { organization, username },
  });
  if (!found.ok) return { ...base, error: found.msg };
  const { email, phone } = found.data;
  if (!email && !phone) return { ...base, error: t('recover.no_destination') };
  return {
    ...base,
    step: 'send',
    application,
    email,
    phone,
    type: email ? 'email' : 'phone',
    captcha: await imageCaptchaOf(application),
  };
}

/** Sends a code for `forget` to the email address or phone chosen (the masked value, with the account as typed). */
async function sendCode(state: RecoverState, formData: FormData): Promise<RecoverState> {
  const t = await getT();
  const type: 'email' | 'phone' =
    formData.get('type') === 'phone' && state.phone ? 'phone' : state.email ? 'email' : 'phone';
  const application = state.application ?? '';
  const base = { ...state, type, notice: undefined, error: undefined, fieldErrors: undefined };
  const sent = await callApi('POST', '/api/send-verification-code', {
    ...anonymous,
    form: {
      applicationId: `admin/${application}`,
      method: 'forget',
      type,
      dest: (type === 'email' ? state.email : state.phone) ?? '',
      checkUser: state.username ?? '',
      ...(state.captcha
        ? { captchaType: 'Default', captchaToken: field(formData, 'captchaToken'), clientSecret: state.captcha.id }
        : { captchaType: 'none' }),
    },
  });
  if (!sent.ok) {
    // An image captcha is used up by its check: a new one for the next try.
    const captcha = state.captcha ? await imageCaptchaOf(application) : undefined;
    if (state.captcha) return { ...base, captcha, fieldErrors: { captchaToken: sent.msg } };
    return { ...base, error: sent.msg };
  }
  return { ...base, step: 'code', captcha: undefined, notice: t('recover.code_sent') };
}

/** Checks the code (verify-code); a right one lets the next step set the password once. */
async function verifyCode(state: RecoverState, formData: FormData): Promise<RecoverState> {
  const t = await getT();
  const code = field(formData, 'code').replace(/\s+/g, '');
  const base = { ...state, error: undefined, fieldErrors: undefined };
  if (!code) return { ...base, fieldErrors: { code: t('recover.required') } };
  const verified = await callApi('POST', '/api/verify-code', {
    ...anonymous,
    json: {
      application: state.application,
      organization: state.organization,
      name: state.username,
      username: state.type === 'phone' ? state.phone : state.email,
      code,
    },
  });
  if (!verified.ok) return { ...base, fieldErrors: { code: verified.msg } };
  return { ...base, step: 'password', code, notice: undefined };
}

/** Sets the new password with the code (the organization's rules apply), then goes back to sign-in. */
async function setNewPassword(state: RecoverState, formData: FormData): Promise<RecoverState> {
  const t = await getT();
  const newPassword = String(formData.get('newPassword') ?? '');
  const repeat = String(formData.get('repeatPassword') ?? '');
  const base = { ...state, error: undefined, fieldErrors: undefined };
  if (!newPassword) return { ...base, fieldErrors: { newPassword: t('recover.required') } };
  if (newPassword !== repeat) return { ...base, fieldErrors: { repeatPassword: t('recover.passwords_differ') } };
  const result = await callApi('POST', '/api/set-password', {
    ...anonymous,
    form: { userOwner: state.organization, userName: state.username ?? '', newPassword, code: state.code ?? '' },
  });
  if (!result.ok) {
    if (fieldOfError(result) === 'newPassword') return { ...base, fieldErrors: { newPassword: result.msg } };
    return { ...base, error: result.msg };
  }
  const target = recoveryReturnPath(state.next);
  if (target.startsWith('/login/')) return { ...base, done: target };
  redirect(`${target}${target.includes('?') ? '&' : '?'}reset=1`);
}

/** The forgotten-password page's one action: each step submits with its name in `step` (or `back`, `resend`). */
export async function recoverAccount(state: RecoverState, formData: FormData): Promise<RecoverState> {
  const intent = String(formData.get('intent') ?? '');
  if (intent === 'restart')
    return {
      step: 'identify',
      organization: state.organization,
      fixedApplication: state.fixedApplication,
      next: state.next,
      username: state.username,
    };
  if (intent === 'resend')
    return {
      ...state,
      step: 'send',
      notice: undefined,
      error: undefined,
      fieldErrors: undefined,
      captcha: state.application ? await imageCaptchaOf(state.application) : undefined,
    };
  switch (state.step) {
    case 'identify':
      return identify(state, formData);
    case 'send':
      return sendCode(state, formData);
    case 'code':
      return verifyCode(state, formData);
    case 'password':
      return setNewPassword(state, formData);
  }
}
