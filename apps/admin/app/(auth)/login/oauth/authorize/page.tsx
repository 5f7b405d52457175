import type { Metadata } from 'next';
import { Alert, Avatar, Button, Divider, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { readAuthorizeView, type AuthorizeSignInView } from '@/lib/authorize-view';
import { getT } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('signin.title'), robots: { index: false } };
}

/** The request's parameters, the form's token and which button was used: what the endpoint reads back. */
function HiddenFields({ view, action }: { view: AuthorizeSignInView; action: 'signin' | 'continue' }) {
  return (
    <>
      <input type="hidden" name="csrf" value={view.csrfToken} />
      <input type="hidden" name="action" value={action} />
      {Object.entries(view.parameters).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/**
 * The sign-in page of the OAuth authorization code flow. GET /login/oauth/authorize is answered by
 * the API, which checks the client, the redirect URI and the request first and then has this page
 * render what it decided. The forms post back to the API's endpoint, which answers 303 to the
 * client with the code. This page never redirects anywhere itself.
 */
export default async function AuthorizePage() {
  const [t, view] = await Promise.all([getT(), readAuthorizeView()]);
  if (!view || view.kind === 'error') {
    return (
      <Stack data-testid="oauth-error">
        <Title order={1} size="h3">
          {t('signin.oauth_error_title')}
        </Title>
        <Text c="dimmed">{t('signin.oauth_error_body')}</Text>
        {view?.message ? (
          <Alert color="red" role="alert">
            {view.message}
          </Alert>
        ) : null}
      </Stack>
    );
  }
  const name = view.application.displayName || view.application.name;
  return (
    <>
      <Group gap="sm" wrap="nowrap">
        {view.application.logo ? <Avatar src={view.application.logo} alt="" radius="md" /> : null}
        <Stack gap={2}>
          <Title order={1} size="h3" data-testid="oauth-application">
            {t('signin.oauth_title', { application: name })}
          </Title>
          <Text c="dimmed" size="sm">
            {t('signin.oauth_subtitle', { application: name })}
          </Text>
        </Stack>
      </Group>
      {view.errorText ? (
        <Alert color="red" role="alert" data-testid="signin-error">
          {view.errorText}
        </Alert>
      ) : null}
      {view.sessionUserName ? (
        <>
          <form method="post" action="/login/oauth/authorize">
            <HiddenFields view={view} action="continue" />
            <Button type="submit" variant="light" fullWidth size="md" data-testid="continue-as">
              {t('signin.continue_as', { user: view.sessionUserName })}
            </Button>
          </form>
          <Divider label={t('signin.other_account')} labelPosition="center" />
        </>
      ) : null}
      <form method="post" action="/login/oauth/authorize">
        <HiddenFields view={view} action="signin" />
        <Stack gap="md">
          {view.askOrganization ? (
            <TextInput label={t('signin.organization')} name="organization" defaultValue={view.organization ?? ''} autoComplete="organization" required />
          ) : null}
          <TextInput label={t('signin.username')} name="username" defaultValue={view.username ?? ''} autoComplete="username" autoCapitalize="none" required autoFocus={!view.username} />
          <PasswordInput label={t('signin.password')} name="password" autoComplete="current-password" required autoFocus={Boolean(view.username)} />
          <Button type="submit" fullWidth size="md">
            {t('signin.submit')}
          </Button>
        </Stack>
      </form>
    </>
  );
}
