import { type MessageKey, type MessageParams, translate } from '@latchkey/i18n';
import { httpUrlOrEmpty } from '@latchkey/types';
import {
  Alert,
  Anchor,
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
import { PasskeyEnrolForm, PasskeySignInForm } from '@/components/auth/authorize-passkey-forms';
import { BrandLinks, BrandLogo, brandColor } from '@/components/auth/branding';
import { CaptchaField } from '@/components/auth/captcha-field';
import { PasskeyStepForm } from '@/components/auth/passkey-step-form';
import { ProviderButtons } from '@/components/auth/provider-buttons';
import { callApi } from '@/lib/api';
import { type AuthorizeSecondFactorView, type AuthorizeSignInView, readAuthorizeView } from '@/lib/authorize-view';
import { loginProviders, providerLoginHref } from '@/lib/federation';
import { getLanguage, getT } from '@/lib/i18n/server';
import { forgetPath } from '@/lib/recovery-paths';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const [t, view] = await Promise.all([getT(), readAuthorizeView()]);
  // The organization's favicon (an http(s) address, checked by the API and again here).
  const favicon = view && view.kind !== 'error' ? httpUrlOrEmpty(view.branding?.favicon) : '';
  return { title: t('signin.title'), robots: { index: false }, ...(favicon ? { icons: { icon: favicon } } : {}) };
}

/** The request's parameters, the form's token and which button was used: what the endpoint reads back. */
function HiddenFields({
  view,
  action,
}: {
  view: Pick<AuthorizeSignInView, 'csrfToken' | 'parameters'>;
  action: 'signin' | 'continue' | 'mfa' | 'passkey' | 'mfa-method';
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
  const branding = view.branding;
  const color = brandColor(branding?.colorPrimary);
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
      <BrandLogo src={branding?.logo} alt={branding?.organization ?? ''} />
      <Group gap="sm" wrap="nowrap">
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
            <Button type="submit" variant="light" color={color} fullWidth size="md" data-testid="continue-as">
              {t('signin.continue_as', { user: view.sessionUserName })}
            </Button>
          </form>
          <Divider label={t('signin.other_account')} labelPosition="center" />
        </>
      ) : null}
      <form method="post" action="/login/oauth/authorize" data-password-signin>
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
            // `webauthn`: the browser's autofill offers this site's passkeys too (PasskeySignInForm asks for them).
            autoComplete={view.passkey ? 'username webauthn' : 'username'}
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
          {view.captcha ? <CaptchaField captcha={view.captcha} testId="signin-captcha" withId /> : null}
          {forgotHref ? (
            <Anchor href={forgotHref} size="sm" style={{ alignSelf: 'flex-end' }} data-testid="forgot-password">
              {t('recover.link')}
            </Anchor>
          ) : null}
          <Button type="submit" color={color} fullWidth size="md" data-testid="oauth-submit">
            {t('signin.submit')}
          </Button>
        </Stack>
      </form>
      {view.passkey ? (
        <PasskeySignInForm
          label={t('signin.passkey')}
          failed={t('signin.passkey_failed')}
          or={translate(language, 'federation.page_or')}
        >
          <HiddenFields view={view} action="passkey" />
        </PasskeySignInForm>
      ) : null}
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
      <BrandLinks
        website={branding?.websiteUrl}
        websiteLabel={translate(language, 'oauth.page_website', { organization: branding?.organization ?? '' })}
        terms={branding?.termsOfUse}
        termsLabel={translate(language, 'oauth.page_terms_of_use')}
        color={branding?.colorPrimary}
      />
    </>
  );
}

/** The buttons that switch the second step to another factor. */
const methodLabels: Record<string, `mfa.${string}`> = {
  app: 'mfa.page_method_app',
  email: 'mfa.page_method_email',
  sms: 'mfa.page_method_sms',
};

/**
 * The second step of a sign-in that needs a second factor: the code of the authenticator app, or of
 * a code sent by email or text message ("Send code" posts action `mfa-method` with `send`), or a
 * recovery code, with buttons for the user's other factors; or, when the user must set one up first,
 * its QR code, key and recovery codes with the app's first code. The code forms post back with
 * action `mfa`. The texts are the API's `mfa` messages, in the console's language.
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
  const method = enrolment ? 'app' : (view.method ?? view.methods[0] ?? 'app');
  // A factor whose codes are sent: its hint names where, and it has a "Send code" button.
  const sentCode = !enrolment && (method === 'email' || method === 'sms') ? method : undefined;
  const destination = view.destination ?? '';
  return (
    <Stack gap="md" data-testid="second-factor">
      <BrandLogo src={view.branding?.logo} alt={view.branding?.organization ?? ''} />
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
      {enrolment && view.passkeyEnrolment ? (
        <PasskeyEnrolForm
          label={t('mfa.page_enrol_passkey')}
          hint={t('mfa.page_enrol_passkey_hint')}
          name={t('mfa.page_enrol_passkey_name')}
          failed={translate(language, 'portal.signin.passkey_failed')}
          or={translate(language, 'federation.page_or')}
        >
          <HiddenFields view={view} action="mfa" />
        </PasskeyEnrolForm>
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
      {enrolment || view.methods.length === 0 ? null : sentCode ? (
        <>
          <Text size="sm">
            {t(sentCode === 'email' ? 'mfa.page_email_hint' : 'mfa.page_sms_hint', { destination })}
          </Text>
          {view.codeSent ? (
            <Alert color="green" role="status" data-testid="mfa-code-sent">
              {t('mfa.page_code_sent', { destination })}
            </Alert>
          ) : null}
          <form method="post" action="/login/oauth/authorize">
            <HiddenFields view={view} action="mfa-method" />
            <input type="hidden" name="mfaType" value={sentCode} />
            <input type="hidden" name="send" value="1" />
            <Button type="submit" variant="light" fullWidth size="md">
              {t('mfa.page_send_code')}
            </Button>
          </form>
        </>
      ) : (
        <Text size="sm">{t('mfa.page_verify_hint')}</Text>
      )}
      {enrolment || view.methods.length > 0 ? (
        <form method="post" action="/login/oauth/authorize">
          <HiddenFields view={view} action="mfa" />
          <input type="hidden" name="mfaType" value={method} />
          <Stack gap="md">
            <TextInput
              label={t(sentCode ? 'mfa.page_sent_code' : 'mfa.page_passcode')}
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
      {enrolment
        ? null
        : view.methods
            .filter((other) => other !== method && methodLabels[other])
            .map((other) => (
              <form key={other} method="post" action="/login/oauth/authorize">
                <HiddenFields view={view} action="mfa-method" />
                <input type="hidden" name="mfaType" value={other} />
                <Button type="submit" variant="subtle" fullWidth size="sm">
                  {t(methodLabels[other]!)}
                </Button>
              </form>
            ))}
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
