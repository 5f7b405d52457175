import { type MessageKey, type MessageParams, translate } from '@latchkey/i18n';
import {
  Alert,
  Anchor,
  Avatar,
  Button,
  Code,
  Divider,
  Group,
  Image,
  List,
  ListItem,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { Metadata } from 'next';
import QRCode from 'qrcode';
import { PasskeyStepForm } from '@/components/auth/passkey-step-form';
import { ProviderButtons } from '@/components/auth/provider-buttons';
import { callApi } from '@/lib/api';
import { type AuthorizeSecondFactorView, type AuthorizeSignInView, readAuthorizeView } from '@/lib/authorize-view';
import { loginProviders, providerLoginHref } from '@/lib/federation';
import { getLanguage, getT } from '@/lib/i18n/server';
import { forgetPath } from '@/lib/recovery-paths';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('signin.title'), robots: { index: false } };
}

/** The request's parameters, the form's token and which button was used: what the endpoint reads back. */
function HiddenFields({
  view,
  action,
}: {
  view: Pick<AuthorizeSignInView, 'csrfToken' | 'parameters'>;
  action: 'signin' | 'continue' | 'mfa';
}) {
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
  if (view.kind === 'second-factor') return <SecondFactor view={view} />;
  const name = view.application.displayName || view.application.name;
  const language = await getLanguage();
  // The application's provider buttons carry the authorization request, which the API checks again.
  const providers = (await loginProviders(view.application.name, { anonymous: true })).filter(
    (provider) => provider.canSignIn || provider.canSignUp,
  );
  // "Forgot password?" unless the application's sign-in items hide it; the page comes back to this request.
  const settings = await callApi<{ signinItems?: { name: string; visible: boolean }[] } | null>(
    'GET',
    '/api/get-application',
    { anonymous: true, query: { id: `admin/${view.application.name}` } },
  );
  const forgotItem = settings.ok
    ? settings.data?.signinItems?.find((item) => item.name === 'Forgot password?')
    : undefined;
  const authorizePath = `/login/oauth/authorize?${new URLSearchParams(view.parameters).toString()}`;
  const forgotHref =
    settings.ok && (!forgotItem || forgotItem.visible)
      ? forgetPath(view.askOrganization ? undefined : view.application.name, authorizePath)
      : undefined;
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
            <TextInput
              label={t('signin.organization')}
              name="organization"
              defaultValue={view.organization ?? ''}
              autoComplete="organization"
              required
            />
          ) : null}
          <TextInput
            label={t('signin.username')}
            name="username"
            defaultValue={view.username ?? ''}
            autoComplete="username"
            autoCapitalize="none"
            required
            autoFocus={!view.username}
          />
          <PasswordInput
            label={t('signin.password')}
            name="password"
            autoComplete="current-password"
            required
            autoFocus={Boolean(view.username)}
          />
          {view.captcha ? (
            <>
              <input type="hidden" name="captchaId" value={view.captcha.id} />
              <Image
                src={view.captcha.image}
                alt={t('recover.captcha_alt')}
                h={60}
                w="auto"
                fit="contain"
                style={{ alignSelf: 'flex-start' }}
                data-testid="signin-captcha"
              />
              <TextInput
                label={t('recover.captcha')}
                name="captchaToken"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                required
              />
            </>
          ) : null}
          {forgotHref ? (
            <Anchor href={forgotHref} size="sm" style={{ alignSelf: 'flex-end' }} data-testid="forgot-password">
              {t('recover.link')}
            </Anchor>
          ) : null}
          <Button type="submit" fullWidth size="md">
            {t('signin.submit')}
          </Button>
        </Stack>
      </form>
      <ProviderButtons
        providers={providers}
        hrefs={Object.fromEntries(
          providers.map((provider) => [
            provider.name,
            providerLoginHref(provider.name, { method: 'signin', ...view.parameters }),
          ]),
        )}
        labels={Object.fromEntries(
          providers.map((provider) => [
            provider.name,
            translate(language, 'federation.page_sign_in_with', { provider: provider.displayName }),
          ]),
        )}
        or={translate(language, 'federation.page_or')}
      />
    </>
  );
}

/**
 * The second step of a sign-in that needs a second factor: the code of the authenticator app (or a
 * recovery code), or, when the user must set one up first, its QR code, key and recovery codes with
 * the app's first code. Its forms post back to the endpoint with action `mfa`. The texts are the
 * API's `mfa` messages, in the console's language.
 */
async function SecondFactor({ view }: { view: AuthorizeSecondFactorView }) {
  const language = await getLanguage();
  const t = (key: `mfa.${string}`, params?: MessageParams) => translate(language, key as MessageKey, params);
  const enrolment = view.stage === 'enrol' ? view.enrolment : undefined;
  // Drawn here from the otpauth:// URI (the view carries no image), so the page needs no script for it.
  const qrCode = enrolment
    ? await QRCode.toDataURL(enrolment.url, { errorCorrectionLevel: 'M', margin: 2, width: 220 })
    : '';
  // A wrong code is told at its field (the same test id as the page's other errors).
  const passcodeError = view.errorField === 'passcode' ? view.errorText : undefined;
  const recoveryError = view.errorField === 'recoveryCode' ? view.errorText : undefined;
  const fieldErrorProps = { role: 'alert', 'data-testid': 'signin-error' };
  return (
    <Stack gap="md" data-testid="second-factor">
      <Stack gap={2}>
        <Title order={1} size="h3">
          {t(enrolment ? 'mfa.page_enrol_title' : 'mfa.page_verify_title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('mfa.page_signing_in_as', { name: view.userName })}
        </Text>
      </Stack>
      {view.errorText && !view.errorField ? (
        <Alert color="red" role="alert" data-testid="signin-error">
          {view.errorText}
        </Alert>
      ) : null}
      {enrolment ? (
        <>
          <Text size="sm">{t('mfa.page_enrol_scan')}</Text>
          <Image src={qrCode} alt={t('mfa.page_qr_alt')} w={200} h={200} mx="auto" data-testid="mfa-qr-code" />
          <Text size="sm">{t('mfa.page_enrol_key')}</Text>
          <Code block data-testid="mfa-secret">
            {enrolment.secret}
          </Code>
          <Text size="sm">{t('mfa.page_recovery_codes_intro')}</Text>
          {/* ListItem, not List.Item: a server component sees no static members of Mantine's client components. */}
          <List size="sm" ff="monospace" data-testid="mfa-recovery-codes">
            {enrolment.recoveryCodes.map((code) => (
              <ListItem key={code}>{code}</ListItem>
            ))}
          </List>
        </>
      ) : view.passkey ? (
        <PasskeyStepForm
          label={translate(language, 'portal.signin.passkey_second_factor')}
          failed={translate(language, 'portal.signin.passkey_failed')}
        >
          <HiddenFields view={view} action="mfa" />
        </PasskeyStepForm>
      ) : null}
      {enrolment || view.methods.length === 0 ? null : <Text size="sm">{t('mfa.page_verify_hint')}</Text>}
      {enrolment || view.methods.length > 0 ? (
        <form method="post" action="/login/oauth/authorize">
          <HiddenFields view={view} action="mfa" />
          <input type="hidden" name="mfaType" value={view.methods[0] ?? 'app'} />
          <Stack gap="md">
            <TextInput
              label={t('mfa.page_passcode')}
              name="passcode"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              autoFocus={!recoveryError}
              error={passcodeError}
              errorProps={fieldErrorProps}
            />
            <Button type="submit" fullWidth size="md">
              {t(enrolment ? 'mfa.page_enable' : 'mfa.page_verify')}
            </Button>
          </Stack>
        </form>
      ) : null}
      {enrolment ? null : (
        // A disclosure, not a script: the recovery-code form opens under its link, and stays open after a wrong code.
        <details open={Boolean(recoveryError)} data-testid="recovery-code-disclosure">
          <Anchor component="summary" size="sm" style={{ cursor: 'pointer' }}>
            {t('mfa.page_use_recovery_code')}
          </Anchor>
          <form method="post" action="/login/oauth/authorize">
            <HiddenFields view={view} action="mfa" />
            <Stack gap="md" mt="sm">
              <TextInput
                label={t('mfa.page_recovery_code')}
                name="recoveryCode"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                required
                autoFocus={Boolean(recoveryError)}
                error={recoveryError}
                errorProps={fieldErrorProps}
              />
              <Button type="submit" variant="light" fullWidth size="md">
                {t('mfa.page_verify')}
              </Button>
            </Stack>
          </form>
        </details>
      )}
    </Stack>
  );
}
