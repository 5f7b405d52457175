import 'server-only';
import { isLanguage } from '@latchkey/i18n';
import { cookies } from 'next/headers';
import { apiPost } from './api';
import { LANGUAGE_COOKIE } from './i18n/browser-language';
import { getAccount } from './session';

const year = 365 * 24 * 3600;

/** Remembers a language in this browser and, when someone is signed in, on their user. */
export async function rememberLanguage(language: string): Promise<boolean> {
  if (!isLanguage(language)) return false;
  (await cookies()).set(LANGUAGE_COOKIE, language, { path: '/', sameSite: 'lax', maxAge: year });
  const account = await getAccount();
  if (account && account.user.language !== language) {
    await apiPost(
      '/api/update-user',
      { id: account.id, columns: 'language' },
      { ...account.user, language },
      { language },
    );
  }
  return true;
}
