import { type Language, translate } from '@latchkey/i18n';
import { Alert, Stack, Text, Title } from '@mantine/core';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { CodeSignInForm } from '@/components/auth/code-sign-in-form';
import { ProviderButtons } from '@/components/auth/provider-buttons';
import { SignInForm } from '@/components/auth/sign-in-form';
import { signIn } from '@/lib/actions/auth';
import { codeSignIn } from '@/lib/actions/code-signin';
import { callApi } from '@/lib/api';
import { offersCodeSignin } from '@/lib/code-signin';
import { LAST_ORGANIZATION_COOKIE, PENDING_SIGNIN_COOKIE } from '@/lib/cookie-names';
import { consolePasskeySignIn, loginProviders, providerLoginHref } from '@/lib/federation';
import { getBrowserLanguage } from '@/lib/i18n/browser-language';
import { getT } from '@/lib/i18n/server';
import { safeReturnPath } from '@/lib/paths';
import { forgetPath } from '@/lib/recovery-paths';
import { getAccount } from '@/lib/session';

/**
 * The console's sign-in page: at /login for the organization signed in to last (any other can be
 * typed), at /login/<organization> for that organization alone.
 */
export async function SignInPage({
  params,
  fixedOrganization,
}: {
  params: Record<string, string | undefined>;
  fixedOrganization?: string;
}) {
  const next = safeReturnPath(params.next);
  if (await getAccount()) redirect(next);
  const t = await getT();
  const store = await cookies();
  const organization = fixedOrganization ?? store.get(LAST_ORGANIZATION_COOKIE)?.value ?? 'built-in';
  const loginPage = fixedOrganization ? `/login/${encodeURIComponent(fixedOrganization)}` : '/login';
  const language = await getBrowserLanguage();
  // After a sign-in at a provider that needs a second factor, the form starts at that step.
  const secondFactor =
    params.secondFactor === '1' && store.get(PENDING_SIGNIN_COOKIE)?.value ? secondFactorTexts(language) : undefined;
  const [providers, passkeyAutofill] = await Promise.all([
    loginProviders(undefined, { anonymous: true }).then((all) => all.filter((p) => p.canSignIn || p.canSignUp)),
    consolePasskeySignIn(),
  ]);
  const returnTo = next === '/' ? undefined : next;
  const withNext = (path: string) =>
    returnTo ? `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(returnTo)}` : path;
  // Sign-in by code is offered when the remembered organization's default application enables it.
  const defaultApplication = await callApi<{ enableCodeSignin?: boolean; signinMethods?: { name: string }[] } | null>(
    'GET',
    '/api/get-default-application',
    { anonymous: true, query: { id: `admin/${organization}` } },
  );
  const codeOffered = defaultApplication.ok && offersCodeSignin(defaultApplication.data);
  if (params.method === 'code' && !secondFactor) {
    return (
      <>
        <Stack gap={4}>
          <Title order={1} size="h2">
            {t('codesignin.title')}
          </Title>
          <Text c="dimmed">{t('codesignin.subtitle')}</Text>
        </Stack>
        <CodeSignInForm
          action={codeSignIn}
          initial={{ step: 'send', organization, next: returnTo }}
          passwordHref={withNext(loginPage)}
        />
      </>
    );
  }
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
      {params.reset ? (
        <Alert color="teal" role="status" data-testid="password-reset-done">
          {t('recover.done')}
        </Alert>
      ) : null}
      <SignInForm
        action={signIn}
        organization={organization}
        fixedOrganization={Boolean(fixedOrganization)}
        next={returnTo}
        secondFactor={secondFactor}
        passkeyAutofill={passkeyAutofill}
        forgotHref={forgetPath(undefined, returnTo)}
        codeHref={codeOffered ? withNext(`${loginPage}?method=code`) : undefined}
      />
      {secondFactor ? null : (
        <ProviderButtons
          providers={providers}
          hrefs={Object.fromEntries(
            providers.map((p) => [p.name, providerLoginHref(p.name, { method: 'signin', next: returnTo })]),
          )}
          labels={Object.fromEntries(
            providers.map((p) => [
              p.name,
              translate(language, 'federation.page_sign_in_with', { provider: p.displayName }),
            ]),
          )}
          or={translate(language, 'federation.page_or')}
        />
      )}
    </>
  );
}

function secondFactorTexts(language: Language) {
  return {
    title: translate(language, 'mfa.page_verify_title'),
    hint: translate(language, 'mfa.page_verify_hint'),
    passcodeLabel: translate(language, 'mfa.page_passcode'),
    recoveryLabel: translate(language, 'mfa.page_recovery_code'),
    submit: translate(language, 'mfa.page_verify'),
    code: true,
    sentCodes: [],
    appLabel: translate(language, 'mfa.page_method_app'),
    sendCode: translate(language, 'mfa.page_send_code'),
  };
}
