import { Stack, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { RecoverForm } from '@/components/auth/recover-form';
import { type RecoverState, recoverAccount } from '@/lib/actions/recover';
import { callApi } from '@/lib/api';
import { LAST_ORGANIZATION_COOKIE } from '@/lib/cookie-names';
import { getT } from '@/lib/i18n/server';
import { recoveryReturnPath } from '@/lib/recovery-paths';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('recover.title'), robots: { index: false } };
}

/**
 * Casdoor's forgotten-password page: /forget for the console (any organization, through its
 * default application), /forget/<application> for an application's sign-in page (its organization).
 * `next` is where to go back to: a console page (through sign-in) or an OAuth authorization request.
 */
export default async function ForgetPage({
  params,
  searchParams,
}: {
  params: Promise<{ application?: string[] }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const t = await getT();
  const segments = (await params).application ?? [];
  const application = segments.length === 1 ? decodeURIComponent(segments[0]!) : undefined;
  const next = (await searchParams).next;
  let organization = (await cookies()).get(LAST_ORGANIZATION_COOKIE)?.value ?? 'built-in';
  if (application) {
    const found = await callApi<{ organization: string } | null>('GET', '/api/get-application', {
      anonymous: true,
      query: { id: `admin/${application}` },
    });
    organization = found.ok && found.data ? found.data.organization : '';
  }
  const initial: RecoverState = { step: 'identify', organization, fixedApplication: application, next };
  return (
    <>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('recover.title')}
        </Title>
        <Text c="dimmed">{t('recover.subtitle')}</Text>
      </Stack>
      <RecoverForm action={recoverAccount} initial={initial} backHref={recoveryReturnPath(next)} />
    </>
  );
}
