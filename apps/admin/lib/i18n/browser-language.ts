import 'server-only';
import { isLanguage, type Language, negotiateLanguage } from '@latchkey/i18n';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';

/** The cookie that remembers a language chosen in this browser. */
export const LANGUAGE_COOKIE = 'latchkey_language';

/** The language before we know who is signed in: the browser's choice, else Accept-Language. */
export const getBrowserLanguage = cache(async (): Promise<Language> => {
  const chosen = (await cookies()).get(LANGUAGE_COOKIE)?.value;
  if (isLanguage(chosen)) return chosen;
  return negotiateLanguage((await headers()).get('accept-language'));
});
