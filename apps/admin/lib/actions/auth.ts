'use server';

import { type MessageKey, translate } from '@latchkey/i18n';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { adoptPendingCookie, adoptSessionCookie } from '../adopt-cookies';
import { callApi } from '../api';
import { type ImageCaptcha, imageCaptchaOf, isCaptchaRefusal } from '../captcha';
import { LAST_ORGANIZATION_COOKIE, PENDING_SIGNIN_COOKIE, SESSION_COOKIE } from '../cookie-names';
import { getBrowserLanguage } from '../i18n/browser-language';
import { getT } from '../i18n/server';
import { safeReturnPath } from '../paths';

/** The texts of the second step, translated on the server in the browser's language. */
export interface SecondFactorTexts {
  title: string;
  hint: string;
  passcodeLabel: string;
  /** The label of the code field for a code sent by email or text message. */
  sentCodeLabel?: string;
  recoveryLabel: string;
  submit: string;
  /** The user has an authenticator app: the form asks for its code. */
  code: boolean;
  /** The user has a passkey: the label of the button that uses it. */
  passkey?: string;
  /** The codes the user may have sent (email, text message): where (masked), the hint, the button that switches to it. */
  sentCodes: SentCodeTexts[];
  /** The button that switches back to the authenticator app. */
  appLabel: string;
  sendCode: string;
  /** The factor the form shows (after a code was sent, or a wrong one): app, email or sms. */
  method?: string;
  /** A code was just sent: says where. */
  codeSent?: string;
}

/** An email or SMS second factor on the second step. */
export interface SentCodeTexts {
  type: 'email' | 'sms';
  destination: string;
  hint: string;
  label: string;
}

/** A second factor the user must set up before the sign-in completes (Casdoor's `RequiredMfa`). */
export interface RequiredEnrolment {
  secret: string;
  /** The otpauth:// URI the QR code carries. */
  url: string;
  recoveryCodes: string[];
  texts: {
    title: string;
    scan: string;
    key: string;
    qrAlt: string;
    recoveryIntro: string;
    passcodeLabel: string;
    submit: string;
    /** A passkey in place of the app: the button, what it does, the new passkey's name, and the divider's word. */
    passkey: string;
    passkeyHint: string;
    passkeyName: string;
    or: string;
  };
}

export interface SignInState {
  error?: string;
  /** An error of the code field of the second step (or of the set-up). */
  fieldError?: string;
  /** The second step was answered with a recovery code. */
  usedRecoveryCode?: boolean;
  organization?: string;
  username?: string;
  /** Signed in without leaving the page (a form whose session had ended submits again). */
  signedIn?: boolean;
  /** The password was right and a code of the user's authenticator app is due: the form asks for it (texts translated here). */
  secondFactor?: SecondFactorTexts;
  /** The password was right and the user must set up a second factor first: the form shows it, then asks for its first code. */
  enrolment?: RequiredEnrolment;
  /** The application asks for its image captcha with the password (after repeated failed sign-ins, or always). */
  captcha?: ImageCaptcha;
}

function readSignIn(formData: FormData) {
  return {
    organization: String(formData.get('organization') ?? '').trim(),
    username: String(formData.get('username') ?? '').trim(),
    password: String(formData.get('password') ?? ''),
    remember: formData.get('remember') === 'on',
    captchaId: String(formData.get('captchaId') ?? ''),
    captchaToken: String(formData.get('captchaToken') ?? '').trim(),
  };
}

/** The factors a NextMfa answer offers (its `data2`), by `mfaType`, with where the codes of email and SMS go (masked). */
function offeredFactors(data2: unknown): Offered {
  const offered: Offered = { types: [], destinations: {} };
  if (!Array.isArray(data2)) return offered;
  for (const props of data2 as { mfaType?: unknown; secret?: unknown }[]) {
    const type = String(props?.mfaType ?? '');
    offered.types.push(type);
    if ((type === 'email' || type === 'sms') && typeof props.secret === 'string')
      offered.destinations[type] = props.secret;
  }
  return offered;
}

interface Offered {
  types: string[];
  destinations: Partial<Record<'email' | 'sms', string>>;
}

async function secondFactorTexts(
  offered: Offered = { types: ['app'], destinations: {} },
  shown: { method?: string; sentTo?: string } = {},
): Promise<SecondFactorTexts> {
  const language = await getBrowserLanguage();
  const t = (key: `mfa.${string}` | `portal.signin.${string}`, params?: Record<string, string>) =>
    translate(language, key as MessageKey, params);
  const sentCodes = (['email', 'sms'] as const)
    .filter((type) => offered.types.includes(type))
    .map((type) => {
      const destination = offered.destinations[type] ?? '';
      return {
        type,
        destination,
        hint: t(type === 'email' ? 'mfa.page_email_hint' : 'mfa.page_sms_hint', { destination }),
        label: t(type === 'email' ? 'mfa.page_method_email' : 'mfa.page_method_sms'),
      };
    });
  return {
    sentCodes,
    appLabel: t('mfa.page_method_app'),
    sendCode: t('mfa.page_send_code'),
    sentCodeLabel: t('mfa.page_sent_code'),
    ...(shown.method ? { method: shown.method } : {}),
    ...(shown.sentTo !== undefined ? { codeSent: t('mfa.page_code_sent', { destination: shown.sentTo }) } : {}),
    title: t('mfa.page_verify_title'),
    hint: t('mfa.page_verify_hint'),
    passcodeLabel: t('mfa.page_passcode'),
    recoveryLabel: t('mfa.page_recovery_code'),
    submit: t('mfa.page_verify'),
    code: offered.types.includes('app'),
    ...(offered.types.includes('webauthn') ? { passkey: t('portal.signin.passkey_second_factor') } : {}),
  };
}

async function enrolmentTexts(): Promise<RequiredEnrolment['texts']> {
  const language = await getBrowserLanguage();
  const t = (key: `mfa.${string}` | `federation.${string}`) => translate(language, key as MessageKey);
  return {
    passkey: t('mfa.page_enrol_passkey'),
    passkeyHint: t('mfa.page_enrol_passkey_hint'),
    passkeyName: t('mfa.page_enrol_passkey_name'),
    or: t('federation.page_or'),
    title: t('mfa.page_enrol_title'),
    scan: t('mfa.page_enrol_scan'),
    key: t('mfa.page_enrol_key'),
    qrAlt: t('mfa.page_qr_alt'),
    recoveryIntro: t('mfa.page_recovery_codes_intro'),
    passcodeLabel: t('mfa.page_passcode'),
    submit: t('mfa.page_enable'),
  };
}

/** The Cookie header of this browser's pending sign-in, for the API (undefined when there is none). */
async function pendingCookieHeader(): Promise<string | undefined> {
  const pending = (await cookies()).get(PENDING_SIGNIN_COOKIE)?.value;
  return pending ? `${PENDING_SIGNIN_COOKIE}=${pending}` : undefined;
}

/** Whether an error of the second step means the sign-in has to start again with the password. */
async function isExpired(message: string, pending: string | undefined): Promise<boolean> {
  return !pending || message === translate(await getBrowserLanguage(), 'mfa.signin_expired');
}

/** Completes a pending sign-in that has passed its second factor: a session for this browser. */
async function completeSignIn(formData: FormData, organization: string, username: string): Promise<SignInState> {
  const result = await callApi<string>('POST', '/api/login', {
    json: { type: 'login', username: '', password: '' },
    cookie: await pendingCookieHeader(),
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok) return { error: result.msg, organization, username };
  await finishSignIn(result.setCookies, organization);
  if (result.data === REQUIRED_UPDATE_PASSWORD) redirect(PASSWORD_CHANGE_PATH);
  if (formData.get('inPlace') === '1') return { signedIn: true };
  redirect(safeReturnPath(formData.get('next')));
}

/** Casdoor's answer for a user who must change their password before anything else (`needUpdatePassword`). */
const REQUIRED_UPDATE_PASSWORD = 'RequiredUpdatePassword';
/** Where such a user lands: their account page, which asks for the new password first. */
const PASSWORD_CHANGE_PATH = '/account?changePassword=1#password';

async function finishSignIn(setCookies: string[], organization: string): Promise<void> {
  const store = await cookies();
  store.delete(PENDING_SIGNIN_COOKIE);
  await adoptSessionCookie(setCookies);
  store.set(LAST_ORGANIZATION_COOKIE, organization, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
}

/** The factors the second step's form was offered (kept in hidden fields). */
function offeredFromForm(formData: FormData): Offered {
  const types = String(formData.get('offered') ?? 'app')
    .split(' ')
    .filter(Boolean);
  const destination = (type: 'email' | 'sms') => String(formData.get(`destination-${type}`) ?? '');
  return {
    types,
    destinations: Object.fromEntries(
      (['email', 'sms'] as const).filter((type) => types.includes(type)).map((type) => [type, destination(type)]),
    ),
  };
}

/** "Send code" of the second step: a code by email or text message for this pending sign-in (method mfaAuth). */
async function sendSecondFactorCode(formData: FormData, organization: string, username: string): Promise<SignInState> {
  const cookie = await pendingCookieHeader();
  const offered = offeredFromForm(formData);
  const method = String(formData.get('method') ?? '') === 'sms' ? 'sms' : 'email';
  const destination = offered.destinations[method] ?? '';
  const result = await callApi('POST', '/api/send-verification-code', {
    json: { type: method === 'sms' ? 'phone' : 'email', dest: destination, method: 'mfaAuth' },
    cookie,
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok && (await isExpired(result.msg, cookie))) return { error: result.msg, organization, username };
  return {
    ...(result.ok ? {} : { fieldError: result.msg }),
    organization,
    username,
    secondFactor: await secondFactorTexts(offered, { method, ...(result.ok ? { sentTo: destination } : {}) }),
  };
}

/**
 * The console's second step: the code of the authenticator app, or of a code sent by email or text
 * message (or a recovery code) with the pending sign-in's cookie, as Casdoor's clients send it to POST /api/login. A wrong code is told
 * at its field; an expired sign-in starts again with the password.
 */
async function signInSecondStep(formData: FormData, organization: string, username: string): Promise<SignInState> {
  if (formData.get('intent') === 'send') return sendSecondFactorCode(formData, organization, username);
  const cookie = await pendingCookieHeader();
  const passcode = String(formData.get('passcode') ?? '').trim();
  const recoveryCode = String(formData.get('recoveryCode') ?? '').trim();
  const method = String(formData.get('method') ?? '');
  const mfaType = method === 'email' || method === 'sms' ? method : 'app';
  const result = await callApi<string>('POST', '/api/login', {
    json: {
      type: 'login',
      username: '',
      password: '',
      mfaType,
      ...(recoveryCode ? { recoveryCode } : { passcode }),
    },
    cookie,
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok) {
    if (await isExpired(result.msg, cookie)) return { error: result.msg, organization, username };
    return {
      fieldError: result.msg,
      usedRecoveryCode: Boolean(recoveryCode),
      organization,
      username,
      secondFactor: await secondFactorTexts(offeredFromForm(formData), { method: mfaType }),
    };
  }
  await finishSignIn(result.setCookies, organization);
  if (formData.get('inPlace') === '1') return { signedIn: true };
  redirect(safeReturnPath(formData.get('next')));
}

/** Starts the set-up of the factor a sign-in requires (`RequiredMfa`), with the pending sign-in's cookie. */
async function startRequiredEnrolment(
  cookie: string | undefined,
  organization: string,
  username: string,
): Promise<SignInState> {
  const result = await callApi<{ secret: string; url: string; recoveryCodes: string[] }>(
    'POST',
    '/api/mfa/setup/initiate',
    {
      json: { mfaType: 'app' },
      cookie,
      anonymous: true,
      language: await getBrowserLanguage(),
    },
  );
  if (!result.ok) return { error: result.msg, organization, username };
  const { secret, url, recoveryCodes } = result.data;
  return { organization, username, enrolment: { secret, url, recoveryCodes, texts: await enrolmentTexts() } };
}

/**
 * The required set-up's first code: it proves the new secret, turns the factor on, and completes
 * the sign-in. The secret, its URI and the recovery codes come back with the form only to be shown
 * again after a wrong code; the API checks the code against the secret it keeps.
 */
async function signInEnrolStep(formData: FormData, organization: string, username: string): Promise<SignInState> {
  const cookie = await pendingCookieHeader();
  const language = await getBrowserLanguage();
  const passcode = String(formData.get('passcode') ?? '').replace(/\s+/g, '');
  let recoveryCodes: string[] = [];
  try {
    const parsed: unknown = JSON.parse(String(formData.get('recoveryCodes') ?? '[]'));
    if (Array.isArray(parsed)) recoveryCodes = parsed.map(String);
  } catch {
    recoveryCodes = [];
  }
  const enrolment: RequiredEnrolment = {
    secret: String(formData.get('secret') ?? ''),
    url: String(formData.get('url') ?? ''),
    recoveryCodes,
    texts: await enrolmentTexts(),
  };
  const again = (fieldError: string): SignInState => ({ fieldError, organization, username, enrolment });
  if (!passcode) return again(translate(language, 'mfa.passcode_missing'));
  const options = { cookie, anonymous: true, language } as const;
  const verified = await callApi<string>('POST', '/api/mfa/setup/verify', {
    ...options,
    json: { mfaType: 'app', passcode },
  });
  if (!verified.ok) {
    if (await isExpired(verified.msg, cookie)) return { error: verified.msg, organization, username };
    return again(verified.msg);
  }
  const enabled = await callApi<string>('POST', '/api/mfa/setup/enable', { ...options, json: { mfaType: 'app' } });
  if (!enabled.ok) return { error: enabled.msg, organization, username };
  return completeSignIn(formData, organization, username);
}

/** Signs in to the console with POST /api/login and goes back to the page that asked for it. */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getT();
  const { organization, username, password, remember, captchaId, captchaToken } = readSignIn(formData);
  if (formData.get('step') === 'second-factor') return signInSecondStep(formData, organization, username);
  if (formData.get('step') === 'enrol') return signInEnrolStep(formData, organization, username);
  if (!organization || !username || !password) return { error: t('signin.required'), organization, username };
  const captcha = captchaId ? { captchaType: 'Default', captchaToken, clientSecret: captchaId } : {};
  const result = await callApi<string>('POST', '/api/login', {
    json: { organization, username, password, type: 'login', autoSignin: remember, ...captcha },
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok) {
    // Once the application asks for its captcha, every next try shows a new one.
    const asked = captchaId !== '' || (await isCaptchaRefusal(result.msg));
    return {
      error: result.msg,
      organization,
      username,
      captcha: asked ? await imageCaptchaOf('app-built-in') : undefined,
    };
  }
  if (result.data === 'NextMfa') {
    await adoptPendingCookie(result.setCookies);
    return { organization, username, secondFactor: await secondFactorTexts(offeredFactors(result.data2)) };
  }
  if (result.data === 'RequiredMfa') {
    return startRequiredEnrolment(await adoptPendingCookie(result.setCookies), organization, username);
  }
  await finishSignIn(result.setCookies, organization);
  if (result.data === REQUIRED_UPDATE_PASSWORD) redirect(PASSWORD_CHANGE_PATH);
  if (formData.get('inPlace') === '1') return { signedIn: true };
  redirect(safeReturnPath(formData.get('next')));
}

export interface SignUpState {
  error?: string;
  values?: Record<string, string>;
}

/** Creates an account with POST /api/signup (with the invitation code, if any), signs the new user in and opens their account page. */
export async function signUp(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const field = (name: string) => String(formData.get(name) ?? '').trim();
  const values = {
    application: field('application'),
    username: field('username'),
    email: field('email'),
    phone: field('phone'),
    invitationCode: field('invitationCode'),
  };
  const result = await callApi<string>('POST', '/api/signup', {
    json: { ...values, password: String(formData.get('password') ?? '') },
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok) return { error: result.msg, values };
  await adoptSessionCookie(result.setCookies);
  redirect('/account');
}

/** Ends the session at the API and in this browser. */
export async function signOut(): Promise<void> {
  await callApi('POST', '/api/logout');
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login?signedOut=1');
}
