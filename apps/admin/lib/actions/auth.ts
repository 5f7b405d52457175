'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { callApi } from '../api';
import { getBrowserLanguage } from '../i18n/browser-language';
import { getT } from '../i18n/server';
import { safeReturnPath } from '../paths';
import { LAST_ORGANIZATION_COOKIE, SESSION_COOKIE } from '../cookie-names';
import { parseSetCookie } from '../set-cookie';

export interface SignInState {
  error?: string;
  organization?: string;
  username?: string;
}


/** Copies the API's session cookie onto the portal's answer (same origin, same name). */
async function adoptSessionCookie(setCookies: string[]): Promise<boolean> {
  const store = await cookies();
  for (const header of setCookies) {
    const cookie = parseSetCookie(header);
    if (cookie?.name !== SESSION_COOKIE) continue;
    if (!cookie.value || cookie.maxAge === 0) {
      store.delete(SESSION_COOKIE);
      return false;
    }
    store.set(SESSION_COOKIE, cookie.value, {
      httpOnly: true,
      sameSite: cookie.sameSite ?? 'lax',
      secure: cookie.secure,
      path: '/',
      maxAge: cookie.maxAge,
    });
    return true;
  }
  return false;
}

function readSignIn(formData: FormData) {
  return {
    organization: String(formData.get('organization') ?? '').trim(),
    username: String(formData.get('username') ?? '').trim(),
    password: String(formData.get('password') ?? ''),
    remember: formData.get('remember') === 'on',
  };
}

/** Signs in to the console with POST /api/login and goes back to the page that asked for it. */
export async function signIn(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getT();
  const { organization, username, password, remember } = readSignIn(formData);
  if (!organization || !username || !password) return { error: t('signin.required'), organization, username };
  const result = await callApi<string>('POST', '/api/login', {
    json: { organization, username, password, type: 'login', autoSignin: remember },
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok) return { error: result.msg, organization, username };
  await adoptSessionCookie(result.setCookies);
  (await cookies()).set(LAST_ORGANIZATION_COOKIE, organization, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
  redirect(safeReturnPath(formData.get('next')));
}

/** Ends the session at the API and in this browser. */
export async function signOut(): Promise<void> {
  await callApi('POST', '/api/logout');
  (await cookies()).delete(SESSION_COOKIE);
  redirect('/login?signedOut=1');
}
