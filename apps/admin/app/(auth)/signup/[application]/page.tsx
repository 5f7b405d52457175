import { Alert, Stack, Text, Title } from '@mantine/core';
import type { Metadata } from 'next';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { signUp } from '@/lib/actions/auth';
import { callApi } from '@/lib/api';
import { getT } from '@/lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('signup.title') };
}

interface InvitationInfo {
  owner: string;
  username: string;
  email: string;
  phone: string;
}

/**
 * Casdoor's sign-up page of an application, /signup/<application>: with ?invitationCode=… the
 * code is filled in, and the username, email and phone the invitation is for (get-invitation-info).
 */
export default async function SignUpPage({
  params,
  searchParams,
}: {
  params: Promise<{ application: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const application = decodeURIComponent((await params).application);
  const code = (await searchParams).invitationCode ?? '';
  const t = await getT();
  const info = code
    ? await callApi<InvitationInfo>('GET', '/api/get-invitation-info', {
        query: { applicationId: `admin/${application}`, code },
        anonymous: true,
      })
    : undefined;
  const invitation = info?.ok ? info.data : undefined;
  return (
    <>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t('signup.title')}
        </Title>
        <Text c="dimmed">{t('signup.subtitle', { application })}</Text>
      </Stack>
      {invitation ? (
        <Alert color="teal" role="status" data-testid="invitation-found">
          {t('signup.invited', { organization: invitation.owner })}
        </Alert>
      ) : null}
      {info && !info.ok ? (
        <Alert color="red" role="alert" data-testid="invitation-error">
          {info.msg}
        </Alert>
      ) : null}
      <SignUpForm
        action={signUp}
        initial={{
          application,
          invitationCode: code,
          username: invitation?.username ?? '',
          email: invitation?.email ?? '',
          phone: invitation?.phone ?? '',
        }}
      />
    </>
  );
}
