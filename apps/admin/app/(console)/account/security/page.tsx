import { type MessageKey, translate } from '@latchkey/i18n';
import { Alert, Stack } from '@mantine/core';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/common/page-header';
import { AuthenticatorSection, PreferredMethodSection } from '@/components/security/authenticator-section';
import { CodeFactorSection, type CodeFactorTexts } from '@/components/security/code-factor-section';
import { getLanguage, getT } from '@/lib/i18n/server';
import { requireAccount } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('security.title') };
}

/**
 * The signed-in user's second factors. The API shows no secret of a user, not even to the user; a
 * factor that is set up is the user's preferred one (set-up makes it so, and turning MFA off clears it).
 */
export default async function SecurityPage() {
  const account = await requireAccount();
  const t = await getT();
  const { user, organization } = account;
  const methods = [
    ...(user.preferredMfaType === 'app' ? ['app'] : []),
    ...(user.mfaEmailEnabled ? ['email'] : []),
    ...(user.mfaPhoneEnabled ? ['sms'] : []),
  ];
  const language = await getLanguage();
  // The API's texts of the second step; `{destination}` is filled in by the section.
  const mfa = (key: string, params?: Record<string, string>) => translate(language, `mfa.${key}` as MessageKey, params);
  const codeTexts = (type: 'email' | 'sms'): CodeFactorTexts => ({
    title: mfa(type === 'email' ? 'page_method_email' : 'page_method_sms'),
    hint: mfa(type === 'email' ? 'page_email_hint' : 'page_sms_hint', { destination: '{destination}' }),
    sendCode: mfa('page_send_code'),
    codeSent: mfa('page_code_sent', { destination: '{destination}' }),
    codeLabel: mfa('page_sent_code'),
  });
  const required = (organization?.mfaItems ?? []).some((item) => item.rule === 'Required');
  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader title={t('security.title')} description={t('security.help')} />
      {required ? (
        <Alert color="indigo" role="status" data-testid="mfa-required-by-policy">
          {t('security.required_by_policy')}
        </Alert>
      ) : null}
      <AuthenticatorSection enabled={methods.includes('app')} />
      <CodeFactorSection type="email" enabled={methods.includes('email')} texts={codeTexts('email')} />
      <CodeFactorSection type="sms" enabled={methods.includes('sms')} texts={codeTexts('sms')} />
      {/* Passkeys: their section goes here, between the authenticator app and the preferred method. */}
      {methods.length > 0 ? (
        <PreferredMethodSection
          methods={methods}
          preferred={user.preferredMfaType}
          labels={{ email: mfa('page_method_email'), sms: mfa('page_method_sms') }}
        />
      ) : null}
    </Stack>
  );
}
