import 'server-only';
import { isLanguage, type Language } from '@latchkey/i18n';
import { cssColorOrEmpty, httpUrlOrEmpty, type SignInBranding } from '@latchkey/types';
import { headers } from 'next/headers';
import { cache } from 'react';
import { requestApi } from './api-request';

/** Whose sign-in page an address is: an organization's (`/login/<organization>`) or an application's. */
export type BrandingTarget = { organization: string } | { application: string };

/**
 * The organization or application a signed-out page belongs to, from its path: `/login/<organization>`,
 * `/signup/<application>` and `/forget/<application>`. The console's own `/login` and `/forget` have none.
 */
export function brandingTargetOf(path: string): BrandingTarget | undefined {
  const segments = (path.split(/[?#]/)[0] ?? '').split('/').filter(Boolean);
  if (segments.length !== 2) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(segments[1]!);
  } catch {
    return undefined;
  }
  if (segments[0] === 'login' && name !== 'oauth') return { organization: name };
  if (segments[0] === 'signup' || segments[0] === 'forget') return { application: name };
  return undefined;
}

/**
 * What an organization's sign-in pages show, every value checked here again (http(s) addresses, a
 * hex colour, languages the console speaks), so that nothing an administrator wrote reaches a page
 * unchecked. Undefined when the organization or application is unknown.
 */
const fetchBranding = cache(async (kind: 'organization' | 'application', name: string) => {
  // The bottom layer, in English: the language of this request may itself depend on the branding.
  const answer = await requestApi<SignInBranding | null>('GET', '/api/get-sign-in-branding', {
    query: { [kind]: name },
    anonymous: true,
    language: 'en',
  });
  if (!answer.ok || !answer.data) return undefined;
  const data = answer.data;
  return {
    organization: String(data.organization ?? ''),
    logo: httpUrlOrEmpty(data.logo),
    favicon: httpUrlOrEmpty(data.favicon),
    colorPrimary: cssColorOrEmpty(data.colorPrimary),
    websiteUrl: httpUrlOrEmpty(data.websiteUrl),
    termsOfUse: httpUrlOrEmpty(data.termsOfUse),
    languages: (data.languages ?? []).filter((language): language is Language => isLanguage(language)),
  };
});

export type PageBranding = NonNullable<Awaited<ReturnType<typeof fetchBranding>>>;

/** The branding of the signed-out page being rendered (proxy.ts tells its path), if it has one. */
export async function pageBranding(): Promise<PageBranding | undefined> {
  const target = brandingTargetOf((await headers()).get('x-portal-path') ?? '');
  if (!target) return undefined;
  return 'organization' in target
    ? fetchBranding('organization', target.organization)
    : fetchBranding('application', target.application);
}
