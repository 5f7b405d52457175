import type { Metadata } from 'next';
import { SignInPage } from '@/components/auth/sign-in-page';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('signin.title') };
}

/** The console's sign-in page, for the organization signed in to last. */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  return <SignInPage params={await searchParams} />;
}
