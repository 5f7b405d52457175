'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { callApi, SESSION_COOKIE } from '../api';
import { getBrowserLanguage, getT } from '../i18n/server';
import { publicOrigin } from '../env';
import { parseSetCookie } from '../set-cookie';
import type { SignInState } from './auth';

/** The OAuth request the sign-in page was opened with, carried through the form. */
const oauthParameters = ['client_id', 'response_type', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'resource'] as const;

/**
 * Signs in for an application's authorization request: POST /api/login with the request's
 * parameters answers a code, and the browser goes back to the application with it (303).
 */
export async function signInForApplication(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const t = await getT();
  const organization = String(formData.get('organization') ?? '').trim();
  const username = String(formData.get('username') ?? '').trim();
  const password = String(formData.get('password') ?? '');
  if (!organization || !username || !password) return { error: t('signin.required'), organization, username };
  const request = Object.fromEntries(oauthParameters.map((name) => [name, String(formData.get(name) ?? '')]));
  const result = await callApi<string>('POST', '/api/login', {
    query: {
      clientId: request.client_id,
      responseType: request.response_type || 'code',
      redirectUri: request.redirect_uri,
      scope: request.scope,
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.code_challenge,
      code_challenge_method: request.code_challenge_method,
      resource: request.resource || undefined,
    },
    json: { application: String(formData.get('application') ?? ''), organization, username, password, type: 'code', autoSignin: formData.get('remember') === 'on' },
    anonymous: true,
    language: await getBrowserLanguage(),
  });
  if (!result.ok || typeof result.data !== 'string' || !result.data) return { error: result.msg || t('signin.oauth_error_body'), organization, username };
  for (const header of result.setCookies) {
    const cookie = parseSetCookie(header);
    if (cookie?.name === SESSION_COOKIE && cookie.value && cookie.maxAge !== 0) {
      (await cookies()).set(SESSION_COOKIE, cookie.value, { httpOnly: true, sameSite: 'lax', secure: cookie.secure, path: '/', maxAge: cookie.maxAge });
    }
  }
  // The API checked this redirect URI against the application's list before it issued the code.
  const target = new URL(request.redirect_uri!);
  target.searchParams.set('code', result.data);
  if (request.state) target.searchParams.set('state', request.state);
  target.searchParams.set('iss', publicOrigin);
  redirect(target.toString());
}
