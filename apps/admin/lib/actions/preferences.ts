'use server';

import { cookies } from 'next/headers';
import { getAccount, ORGANIZATION_COOKIE } from '../session';

const year = 365 * 24 * 3600;

/** The organization a global administrator works on ('' = all). */
export async function chooseOrganization(organization: string): Promise<void> {
  const account = await getAccount();
  if (!account?.isGlobalAdmin) return;
  (await cookies()).set(ORGANIZATION_COOKIE, organization.slice(0, 100), { path: '/', sameSite: 'lax', maxAge: year });
}
