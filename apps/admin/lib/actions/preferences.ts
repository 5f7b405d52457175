'use server';

import { cookies } from 'next/headers';
import { isLanguage } from '@latchkey/i18n';
import { apiPost } from '../api';
import { LANGUAGE_COOKIE } from '../i18n/server';
import { getAccount, ORGANIZATION_COOKIE } from '../session';

const year = 365 * 24 * 3600;

/** Switches the language: remembered in this browser and, when signed in, on the user. */
export async function chooseLanguage(language: string): Promise<void> {
  if (!isLanguage(language)) return;
  (await cookies()).set(LANGUAGE_COOKIE, language, { path: '/', sameSite: 'lax', maxAge: year });
  const account = await getAccount();
  if (account && account.user.language !== language) {
    await apiPost('/api/update-user', { id: account.id, columns: 'language' }, { ...account.user, language }, { language });
  }
}

/** The organization a global administrator works on ('' = all). */
export async function chooseOrganization(organization: string): Promise<void> {
  const account = await getAccount();
  if (!account?.isGlobalAdmin) return;
  (await cookies()).set(ORGANIZATION_COOKIE, organization.slice(0, 100), { path: '/', sameSite: 'lax', maxAge: year });
}
