import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SignInPage } from '@/components/auth/sign-in-page';
import { pageBranding } from '@/lib/branding';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('signin.title') };
}

/** Casdoor's sign-in page of an organization, /login/<organization>: its branding, its organization fixed. */
export default async function OrganizationLoginPage({
  params,
  searchParams,
}: {
  params: Promise<{ organization: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const organization = decodeURIComponent((await params).organization);
  // An organization that does not exist has no sign-in page (the branding answers only for one that does).
  if (!(await pageBranding())) notFound();
  return <SignInPage params={await searchParams} fixedOrganization={organization} />;
}
