import { Alert, Stack, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { signIn } from '@/lib/actions/auth';
import { LAST_ORGANIZATION_COOKIE } from '@/lib/cookie-names';
import { getT } from '@/lib/i18n/server';
import { safeReturnPath } from '@/lib/paths';
import { getAccount } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('signin.title') };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const params = await searchParams;
  const next = safeReturnPath(params.next);
  if (await getAccount()) redirect(next);
  const t = await getT();
  const organization = (await cookies()).get(LAST_ORGANIZATION_COOKIE)?.value ?? 'built-in';
  return (
    <>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('signin.title')}
        </Title>
        <Text c="dimmed">{t('signin.subtitle')}</Text>
      </Stack>
      {params.signedOut ? (
        <Alert color="teal" role="status">
          {t('signin.signed_out')}
        </Alert>
      ) : null}
      <SignInForm action={signIn} organization={organization} next={next === '/' ? undefined : next} />
    </>
  );
}
