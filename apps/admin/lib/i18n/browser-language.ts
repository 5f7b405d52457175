import 'server-only';
import { isLanguage, type Language, negotiateLanguage } from '@latchkey/i18n';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { pageBranding } from '../branding';

/** The cookie that remembers a language chosen in this browser. */
export const LANGUAGE_COOKIE = 'latchkey_language';

/**
 * The language before we know who is signed in: the browser's choice, else Accept-Language. An
 * organization's sign-in page speaks only the languages it offers: another gives way to the first of them.
 */
export const getBrowserLanguage = cache(async (): Promise<Language> => {
  const chosen = (await cookies()).get(LANGUAGE_COOKIE)?.value;
  const language = isLanguage(chosen) ? chosen : negotiateLanguage((await headers()).get('accept-language'));
  const offered = (await pageBranding())?.languages;
  return offered?.length && !offered.includes(language) ? offered[0]! : language;
});
