import { translate } from '@latchkey/i18n';
import { Alert, Avatar, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Metadata } from 'next';
import { AccessKeyPanel } from '@/components/account/access-key-panel';
import { ContactForm } from '@/components/account/contact-form';
import { type LinkedAccountRow, LinkedAccounts } from '@/components/account/linked-accounts';
import { PasskeysPanel } from '@/components/account/passkeys-panel';
import { PasswordForm } from '@/components/account/password-form';
import { ProfileForm } from '@/components/account/profile-form';
import { PageHeader } from '@/components/common/page-header';
import { Section } from '@/components/common/section';
import { apiGet } from '@/lib/api';
import { linkField, loginProviders, providerLoginHref } from '@/lib/federation';
import { getLanguage, getT } from '@/lib/i18n/server';
import { requireAccount } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('account.title') };
}

/** Every signed-in user's own page: profile, password, passkeys, linked accounts, access key. */
export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const account = await requireAccount();
  const params = await searchParams;
  const language = await getLanguage();
  const t = await getT();
  const { user } = account;
  // Keys of the keys page that act for this user (an administrator may have made them), besides the user's own pair.
  const keys = await apiGet<{ name: string; accessKey: string }[] | null>('/api/get-keys', {
    owner: user.owner,
    field: 'user',
    value: user.name,
  });
  const role = account.isGlobalAdmin
    ? t('account.role_global_admin')
    : user.isAdmin
      ? t('account.role_org_admin', { organization: user.owner })
      : t('account.role_user', { organization: user.owner });
  const fields = user as unknown as Record<string, unknown>;
  const rows: LinkedAccountRow[] = (await loginProviders()).map((provider) => {
    const linked =
      typeof fields[linkField(provider.type)] === 'string' ? (fields[linkField(provider.type)] as string) : '';
    const properties = user.properties ?? {};
    return {
      name: provider.name,
      type: provider.type,
      displayName: provider.displayName,
      linkedAs: linked
        ? properties[`oauth_${provider.type}_username`] || properties[`oauth_${provider.type}_displayName`] || linked
        : '',
      canUnlink: provider.canUnlink,
      prompted: provider.prompted,
      linkHref: providerLoginHref(provider.name, { method: 'link', next: '/account' }),
    };
  });
  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader title={t('account.title')} />
      {user.needUpdatePassword ? (
        <Alert
          color="orange"
          variant="light"
          role="alert"
          title={t('account.must_change_password_title')}
          data-testid="must-change-password"
        >
          {t('account.must_change_password_body')}
        </Alert>
      ) : null}
      <Paper withBorder radius="lg" p="md">
        <Group wrap="nowrap">
          <Avatar
            src={user.avatar || null}
            name={user.displayName || user.name}
            color="initials"
            size={56}
            radius="xl"
          />
          <div style={{ minWidth: 0 }}>
            <Text fw={600} size="lg" truncate>
              {user.displayName || user.name}
            </Text>
            <Text size="sm" c="dimmed" data-testid="account-id">
              {account.id}
            </Text>
          </div>
          <Badge ml="auto" variant="light" color={account.isAdmin ? 'indigo' : 'gray'}>
            {role}
          </Badge>
        </Group>
      </Paper>
      <Section title={t('account.profile')} help={t('account.profile_help')}>
        <ProfileForm
          user={{
            displayName: user.displayName,
            email: user.email,
            phone: user.phone,
            firstName: user.firstName,
            lastName: user.lastName,
            avatar: user.avatar,
            affiliation: user.affiliation,
            title: user.title,
          }}
        />
      </Section>
      <Section title={t('contact.title')} help={t('contact.help')} testId="contact-section">
        <ContactForm email={user.email} phone={user.phone} />
      </Section>
      <Section id="password" title={t('account.password')} help={t('account.password_help')}>
        <PasswordForm />
      </Section>
      <Section title={t('passkeys.title')} help={t('passkeys.help')}>
        <PasskeysPanel passkeys={user.webauthnCredentials ?? []} />
      </Section>
      {rows.length > 0 ? (
        <Section title={translate(language, 'federation.page_linked_accounts')}>
          <LinkedAccounts
            rows={rows}
            texts={{
              link: translate(language, 'federation.page_link'),
              unlink: translate(language, 'federation.page_unlink'),
              linkedAs: translate(language, 'federation.page_linked_as'),
              notLinked: translate(language, 'federation.page_not_linked'),
              prompted: translate(language, 'federation.page_prompted'),
              unlinked: translate(language, 'federation.page_unlinked'),
              linked: params.linked === '1' ? translate(language, 'federation.page_linked') : undefined,
            }}
          />
        </Section>
      ) : null}
      <Section title={t('account.keys')} help={t('account.keys_help')}>
        <AccessKeyPanel
          accessKey={user.accessKey}
          accessSecret={user.accessSecret}
          otherKeys={(keys.ok ? (keys.data ?? []) : []).map(({ name, accessKey }) => ({ name, accessKey }))}
        />
      </Section>
    </Stack>
  );
}
