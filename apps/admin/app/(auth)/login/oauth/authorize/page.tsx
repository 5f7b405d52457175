import type { Metadata } from 'next';
import { Alert, Avatar, Group, Stack, Text, Title } from '@mantine/core';
import { SignInForm } from '../../../../../components/auth/sign-in-form';
import { signInForApplication } from '../../../../../lib/actions/oauth';
import { apiGet } from '../../../../../lib/api';
import { getT } from '../../../../../lib/i18n/server';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('signin.title') };
}

interface AppLogin {
  name: string;
  displayName: string;
  organization: string;
  logo: string;
}

const carried = ['client_id', 'response_type', 'redirect_uri', 'scope', 'state', 'nonce', 'code_challenge', 'code_challenge_method', 'resource'] as const;

/**
 * The sign-in page of the OAuth code flow. The API has checked the request before passing it here;
 * the page asks again (GET /api/get-app-login) to show the application and never redirects on error.
 */
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const t = await getT();
  const check = await apiGet<AppLogin | null>('/api/get-app-login', {
    clientId: params.client_id,
    responseType: params.response_type,
    redirectUri: params.redirect_uri,
    scope: params.scope,
    state: params.state,
    nonce: params.nonce,
    code_challenge_method: params.code_challenge_method,
    code_challenge: params.code_challenge,
    type: 'code',
  });
  if (!check.ok || !check.data) {
    return (
      <Stack data-testid="oauth-error">
        <Title order={1} size="h3">
          {t('signin.oauth_error_title')}
        </Title>
        <Text c="dimmed">{t('signin.oauth_error_body')}</Text>
        {check.msg ? (
          <Alert color="red" role="alert">
            {check.msg}
          </Alert>
        ) : null}
      </Stack>
    );
  }
  const application = check.data;
  const name = application.displayName || application.name;
  const hidden: Record<string, string> = { application: application.name };
  for (const key of carried) if (params[key]) hidden[key] = params[key]!;
  return (
    <>
      <Group gap="sm" wrap="nowrap">
        {application.logo ? <Avatar src={application.logo} alt="" radius="md" /> : null}
        <Stack gap={2}>
          <Title order={1} size="h3" data-testid="oauth-application">
            {t('signin.oauth_title', { application: name })}
          </Title>
          <Text c="dimmed" size="sm">
            {t('signin.oauth_subtitle', { application: name })}
          </Text>
        </Stack>
      </Group>
      <SignInForm action={signInForApplication} organization={application.organization} fixedOrganization={application.organization !== 'built-in'} hidden={hidden} />
    </>
  );
}
