import 'server-only';
import { cache } from 'react';
import { cookies, headers } from 'next/headers';
import { isLanguage, negotiateLanguage, type Language } from '@latchkey/i18n';
import { getAccount } from '../session';
import { portalTranslator, type Translate } from './messages';

/** The cookie that remembers a language chosen in this browser. */
export const LANGUAGE_COOKIE = 'latchkey_language';

/** The language before we know who is signed in: the browser's choice, else Accept-Language. */
export const getBrowserLanguage = cache(async (): Promise<Language> => {
  const chosen = (await cookies()).get(LANGUAGE_COOKIE)?.value;
  if (isLanguage(chosen)) return chosen;
  return negotiateLanguage((await headers()).get('accept-language'));
});

/** The language of this request: the signed-in user's, else the browser's choice, else Accept-Language. */
export const getLanguage = cache(async (): Promise<Language> => {
  const account = await getAccount();
  if (account && isLanguage(account.user.language)) return account.user.language;
  return getBrowserLanguage();
});

export async function getT(): Promise<Translate> {
  return portalTranslator(await getLanguage());
}
