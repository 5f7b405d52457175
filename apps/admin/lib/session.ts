import 'server-only';
import type { Organization, User } from '@latchkey/types';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { requestApi } from './api-request';
import { SESSION_COOKIE } from './cookie-names';
import { getBrowserLanguage } from './i18n/browser-language';
import { loginPath } from './paths';

export interface Account {
  /** organization/name */
  id: string;
  user: User;
  organization: Organization | null;
  /** A user of organization built-in: administers everything. */
  isGlobalAdmin: boolean;
  /** Administers their own organization (or everything, as a global administrator). */
  isAdmin: boolean;
}

/** The signed-in user of this request, asked of the API once per request; null when signed out. */
export const getAccount = cache(async (): Promise<Account | null> => {
  if (!(await cookies()).get(SESSION_COOKIE)?.value) return null;
  // In the browser's language: the user's own is what this answer tells.
  const result = await requestApi<User, Organization | null>('GET', '/api/get-account', {
    language: await getBrowserLanguage(),
  });
  if (!result.ok || !result.data) return null;
  const user = result.data;
  const isGlobalAdmin = user.owner === 'built-in';
  return {
    id: `${user.owner}/${user.name}`,
    user,
    organization: result.data2 ?? null,
    isGlobalAdmin,
    isAdmin: isGlobalAdmin || user.isAdmin,
  };
});

/** The path and query of the page being rendered (set by proxy.ts). */
export async function currentPath(): Promise<string> {
  return (await headers()).get('x-portal-path') ?? '/';
}

/** The signed-in account, or a redirect to the sign-in page that comes back here. */
export async function requireAccount(): Promise<Account> {
  const account = await getAccount();
  if (!account) redirect(loginPath(await currentPath()));
  return account;
}

/** Cookie that remembers the organization a global administrator works on ('' = all). */
export const ORGANIZATION_COOKIE = 'latchkey_organization';

/** The organization the console shows: always their own for an organization administrator. */
export async function selectedOrganization(account: Account): Promise<string> {
  if (!account.isGlobalAdmin) return account.user.owner;
  return (await cookies()).get(ORGANIZATION_COOKIE)?.value ?? '';
}
