import 'server-only';
import { isLanguage, type Language } from '@latchkey/i18n';
import { cache } from 'react';
import { getAccount } from '../session';
import { getBrowserLanguage } from './browser-language';
import { portalTranslator, type Translate } from './messages';

/** The language of this request: the signed-in user's, else the browser's choice, else Accept-Language. */
export const getLanguage = cache(async (): Promise<Language> => {
  const account = await getAccount();
  if (account && isLanguage(account.user.language)) return account.user.language;
  return getBrowserLanguage();
});

export async function getT(): Promise<Translate> {
  return portalTranslator(await getLanguage());
}
