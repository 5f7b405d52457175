'use server';

import { type MessageKey, translate } from '@latchkey/i18n';
import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { adoptPendingCookie, adoptSessionCookie } from '../adopt-cookies';
import { callApi } from '../api';
import { FEDERATION_COOKIE, SESSION_COOKIE } from '../cookie-names';
import { getBrowserLanguage } from '../i18n/browser-language';
import { safeReturnPath } from '../paths';

export interface CallbackResult {
  error?: string;
}

/** What the provider sent back to /callback. */
export interface ProviderAnswer {
  code?: string;
  state?: string;
  iss?: string;
  error?: string;
}

const field = (value: unknown) => (typeof value === 'string' && value.length <= 4096 ? value : undefined);

/**
 * Completes a sign-in at an outside provider: hands the provider's answer to POST /api/login with
 * this browser's cookies (the one that binds the sign-in, and the session when linking), then goes
 * where the API says: the relying party's redirect URI with its code, the page the sign-in began
 * on, the account page after linking, or the second step of the sign-in.
 */
export async function completeProviderCallback(answer: ProviderAnswer): Promise<CallbackResult> {
  const store = await cookies();
  const language = await getBrowserLanguage();
  const binding = store.get(FEDERATION_COOKIE)?.value;
  const session = store.get(SESSION_COOKIE)?.value;
  const cookie = [binding ? `${FEDERATION_COOKIE}=${binding}` : '', session ? `${SESSION_COOKIE}=${session}` : '']
    .filter(Boolean)
    .join('; ');
  const result = await callApi<string | boolean, { redirectUrl?: string } | null>('POST', '/api/login', {
    json: {
      type: 'login',
      code: field(answer.code) ?? '',
      state: field(answer.state) ?? '',
      ...(field(answer.iss) ? { iss: field(answer.iss) } : {}),
      ...(field(answer.error) ? { error: field(answer.error) } : {}),
    },
    cookie: cookie || undefined,
    anonymous: !cookie,
    language,
  });
  if (!result.ok) return { error: result.msg };
  if (result.data === true) {
    revalidatePath('/account');
    redirect('/account?linked=1');
  }
  if (result.data === 'NextMfa') {
    await adoptPendingCookie(result.setCookies);
    redirect('/login?secondFactor=1');
  }
  if (result.data === 'RequiredMfa') return { error: translate(language, 'mfa.enrol_first' as MessageKey) };
  await adoptSessionCookie(result.setCookies);
  const target = result.data2?.redirectUrl;
  if (target && /^https?:\/\//i.test(target)) redirect(target);
  redirect(safeReturnPath(target));
}

/** Unlinks the signed-in user's account of a provider type (POST /api/unlink). */
export async function unlinkProvider(providerType: string, providerName: string): Promise<CallbackResult> {
  const result = await callApi('POST', '/api/unlink', { json: { providerType, providerName } });
  if (!result.ok) return { error: result.msg };
  revalidatePath('/account');
  return {};
}
