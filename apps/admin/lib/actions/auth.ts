'use server';

import { type MessageKey, translate } from '@latchkey/i18n';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { adoptPendingCookie, adoptSessionCookie } from '../adopt-cookies';
import { callApi } from '../api';
import { LAST_ORGANIZATION_COOKIE, PENDING_SIGNIN_COOKIE, SESSION_COOKIE } from '../cookie-names';
import { getBrowserLanguage } from '../i18n/browser-language';
import { getT } from '../i18n/server';
import { safeReturnPath } from '../paths';

export interface SignInState {
  error?: string;
  organization?: string;
  username?: string;
  /** The password was right and a code of the user's authenticator app is due: the form asks for it (texts translated here). */
  secondFactor?: { title: string; hint: string; passcodeLabel: string; recoveryLabel: string; submit: string };
}

function readSignIn(formData: FormData) {
  return {
    organization: String(formData.get('organization') ?? '').trim(),
    username: String(formData.get('username') ?? '').trim(),
    password: String(formData.get('password') ?? ''),
    remember: formData.get('remember') === 'on',
  };
}

async function secondFactorTexts(): Promise<NonNullable<SignInState['secondFactor']>> {
  const language = await getBrowserLanguage();
  const t = (key: `mfa.${string}`) => translate(language, key as MessageKey);
  return {
    title: t('mfa.page_verify_title'),
    hint: t('mfa.page_verify_hint'),
    passcodeLabel: t('mfa.page_passcode'),
    recoveryLabel: t('mfa.page_recovery_code'),
    submit: t('mfa.page_verify'),
  };
}

/**
 * The console's second step: the code of the authenticator app (or a recovery code) with the
 * pending sign-in's cookie, as Casdoor's clients send it to POST /api/login.
 */
async function signInSecondStep(formData: FormData, organization: string, username: string): Promise<SignInState> {
  const store = await cookies();
  const pending = store.get(PENDING_SIGNIN_COOKIE)?.value;
  const passcode = String(formData.get('passcode') ?? '').trim();
  const recoveryCode = String(formData.get('recoveryCode') ?? '').trim();
  const result = await callApi<string>('POST', '/api/login', {
    json: {
      type: 'login',
      username: '',
      password: '',
      mfaType: 'app',
      ...(recoveryCode ? { recoveryCode } : { passcode }),
    },
    cookie: pending ? `${PENDING_SIGNIN_COOKIE}=${pending}` : undefined,
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok)
    return {
      error: result.msg,
      organization,
      username,
      ...(pending ? { secondFactor: await secondFactorTexts() } : {}),
    };
  store.delete(PENDING_SIGNIN_COOKIE);
  await adoptSessionCookie(result.setCookies);
  redirect(safeReturnPath(formData.get('next')));
}

/** Signs in to the console with POST /api/login and goes back to the page that asked for it. */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getT();
  const { organization, username, password, remember } = readSignIn(formData);
  if (formData.get('step') === 'second-factor') return signInSecondStep(formData, organization, username);
  if (!organization || !username || !password) return { error: t('signin.required'), organization, username };
  const result = await callApi<string>('POST', '/api/login', {
    json: { organization, username, password, type: 'login', autoSignin: remember },
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok) return { error: result.msg, organization, username };
  if (result.data === 'NextMfa') {
    await adoptPendingCookie(result.setCookies);
    return { organization, username, secondFactor: await secondFactorTexts() };
  }
  // Setting up a required factor is done on the sign-in page of an application for now; the console has no set-up page yet.
  if (result.data === 'RequiredMfa')
    return { error: translate(await getBrowserLanguage(), 'mfa.enrol_first'), organization, username };
  await adoptSessionCookie(result.setCookies);
  (await cookies()).set(LAST_ORGANIZATION_COOKIE, organization, {
    path: '/',
    sameSite: 'lax',
    maxAge: 365 * 24 * 3600,
  });
  redirect(safeReturnPath(formData.get('next')));
}

/** Ends the session at the API and in this browser. */
export async function signOut(): Promise<void> {
  await callApi('POST', '/api/logout');
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login?signedOut=1');
}
