import { Badge, Group, Stack } from '@mantine/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ApplicationTabs } from '@/components/applications/application-tabs';
import { CredentialsPanel } from '@/components/applications/credentials-panel';
import { QuickStart } from '@/components/applications/quick-start';
import { type RolePermission, RolePermissions } from '@/components/authorization/role-permissions';
import { TestAccessPanel } from '@/components/authorization/test-access-panel';
import { CertKeysPanel } from '@/components/certs/cert-keys-panel';
import { CopyField } from '@/components/common/copy-field';
import { PageHeader } from '@/components/common/page-header';
import { EmptyState, ErrorAlert, Forbidden } from '@/components/common/states';
import { InvitationPanel } from '@/components/invitations/invitation-panel';
import { DeleteButton } from '@/components/objects/delete-button';
import { ObjectForm } from '@/components/objects/object-form';
import { MfaPolicyPanel } from '@/components/organizations/mfa-policy-panel';
import { PasswordPolicyPanel } from '@/components/organizations/password-policy-panel';
import { SignInExperiencePanel } from '@/components/organizations/sign-in-experience-panel';
import { TestMessagePanel } from '@/components/providers/test-message-panel';
import { SetPasswordForm } from '@/components/users/set-password-form';
import { UserMfaPanel } from '@/components/users/user-mfa-panel';
import {
  UserAccessSection,
  UserActivitySection,
  UserSectionNav,
  UserSessionsSection,
  UserTokensSection,
} from '@/components/users/user-sections';
import { UserSignInPanel } from '@/components/users/user-sign-in-panel';
import { WebhookDeliveriesPanel } from '@/components/webhooks/webhook-deliveries-panel';
import { saveObject } from '@/lib/actions/objects';
import type { WebhookDelivery } from '@/lib/actions/webhooks';
import { apiGet } from '@/lib/api';
import { publicOrigin } from '@/lib/env';
import { formValues } from '@/lib/form-values';
import { formatTime } from '@/lib/format';
import { getLanguage, getT } from '@/lib/i18n/server';
import { getObject, organizationNames, referenceOptions } from '@/lib/objects';
import { publicKeyOf } from '@/lib/public-key';
import { quickStartData } from '@/lib/quickstart/quick-start-data';
import { isResourceKind, organizationFieldOf, organizationOf, resources } from '@/lib/resources';
import { testableCategories } from '@/lib/resources/provider-catalogue';
import { requireAccount } from '@/lib/session';
import { userAccess, userRecords, userSessions, userTokens } from '@/lib/user-page';

type Params = Promise<{ kind: string; owner: string; name: string }>;

/**
 * The sign-up page with an invitation's code, as Casdoor links it: /signup/<application>?invitationCode=…,
 * the application being the invitation's own, else its organization's default one.
 */
async function invitationLink(invitation: Record<string, unknown>): Promise<string> {
  let application = String(invitation.application ?? '');
  if (!application || application === 'All') {
    const fallback = await apiGet<{ name?: string } | null>('/api/get-default-application', {
      id: `admin/${String(invitation.owner ?? '')}`,
    });
    application = fallback.data?.name ?? '';
  }
  const code = String(invitation.defaultCode || invitation.code || '');
  return `${publicOrigin}/signup/${encodeURIComponent(application)}?invitationCode=${encodeURIComponent(code)}`;
}
type SearchParams = Promise<Record<string, string | undefined>>;

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');
const textsOf = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);

/** The permissions of the role's organization that list the role (by its id, as Casdoor stores it). */
async function permissionsOfRole(owner: string, name: string): Promise<RolePermission[]> {
  const result = await apiGet<Record<string, unknown>[] | null>('/api/get-permissions', { owner });
  if (!result.ok || !Array.isArray(result.data)) return [];
  return result.data
    .filter((permission) => textsOf(permission.roles).includes(`${owner}/${name}`))
    .map((permission) => ({
      owner: textOf(permission.owner),
      name: textOf(permission.name),
      displayName: textOf(permission.displayName),
      actions: textsOf(permission.actions),
      resources: textsOf(permission.resources),
      effect: textOf(permission.effect),
    }));
}

/** What the sign-in experience section edits of an organization. */
function signInExperienceOf(organization: Record<string, unknown>) {
  const theme = (organization.themeData ?? null) as { colorPrimary?: unknown; isEnabled?: unknown } | null;
  return {
    logo: textOf(organization.logo),
    favicon: textOf(organization.favicon),
    websiteUrl: textOf(organization.websiteUrl),
    colorPrimary: theme?.isEnabled ? textOf(theme.colorPrimary) : '',
    languages: textsOf(organization.languages),
  };
}

/** A webhook's latest deliveries; none when they cannot be read (the panel can try again). */
async function webhookDeliveries(id: string): Promise<WebhookDelivery[]> {
  const result = await apiGet<WebhookDelivery[] | null>('/api/get-webhook-deliveries', { id });
  return result.ok ? (result.data ?? []) : [];
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { kind, name } = await params;
  if (!isResourceKind(kind)) return {};
  return { title: `${decodeURIComponent(name)} · ${(await getT())(`objects.${kind}.title`)}` };
}

/** One object: its edit form, its delete button, and what is special to its kind. */
export default async function EditObjectPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { kind, owner: rawOwner, name: rawName } = await params;
  if (!isResourceKind(kind) || !resources[kind].can.open) notFound();
  const [owner, name] = [decodeURIComponent(rawOwner), decodeURIComponent(rawName)];
  const account = await requireAccount();
  const t = await getT();
  if (!account.isAdmin)
    return (
      <Forbidden title={t('common.forbidden_title')} body={t('common.forbidden_body')} home={t('common.go_home')} />
    );
  const spec = resources[kind];
  const result = await getObject(spec, owner, name);
  if (!result.ok) {
    return (
      <Stack>
        <PageHeader title={name} />
        <ErrorAlert title={t('common.forbidden_title')} message={result.msg} />
      </Stack>
    );
  }
  const object = result.data;
  if (!object) return <EmptyState title={t('common.not_found_title')} body={t('common.not_found_body')} />;
  const organization = organizationOf(spec, object);
  // Some objects (applications) are readable by anyone in a public view; only their administrators get the form.
  if (!account.isGlobalAdmin && organization !== account.user.owner) {
    return (
      <Forbidden title={t('common.forbidden_title')} body={t('common.forbidden_body')} home={t('common.go_home')} />
    );
  }
  const organizations = await organizationNames(account);
  const options = referenceOptions(spec, organizations);
  const query = await searchParams;
  const notice = query.created ? t('common.created') : query.saved ? t('common.saved') : undefined;
  const form = (
    <ObjectForm
      mode="edit"
      kind={kind}
      fields={[...spec.fields]}
      organizationField={organizationFieldOf(spec)}
      initial={formValues(spec.fields, object)}
      options={options}
      action={saveObject.bind(null, kind, `${owner}/${name}`)}
      cancelHref={`/${kind}`}
      notice={notice}
      readOnly={!spec.can.edit}
    >
      {kind === 'applications' ? (
        <CredentialsPanel
          name={name}
          clientId={String(object.clientId ?? '')}
          clientSecret={String(object.clientSecret ?? '')}
        />
      ) : null}
      {kind === 'certs' ? (
        <CertKeysPanel
          name={name}
          certificate={String(object.certificate ?? '')}
          publicKey={publicKeyOf(String(object.certificate ?? ''))}
          labels={{
            title: t('certs.keys'),
            help: t('certs.keys_help'),
            certificate: t('fields.certificate'),
            publicKey: t('certs.public_key'),
          }}
        />
      ) : null}
      {kind === 'invitations' ? <InvitationPanel id={`${owner}/${name}`} link={await invitationLink(object)} /> : null}
      {kind === 'keys' ? (
        <Group grow align="flex-start">
          <CopyField label={t('fields.access_key')} value={String(object.accessKey ?? '')} testId="access-key" />
          <CopyField
            label={t('fields.access_secret')}
            value={String(object.accessSecret ?? '')}
            secret
            testId="access-secret"
          />
        </Group>
      ) : null}
    </ObjectForm>
  );
  const displayName = typeof object.displayName === 'string' && object.displayName ? object.displayName : name;
  return (
    <>
      <PageHeader
        title={displayName}
        description={`${t(`objects.${kind}.one`)} · ${owner}/${name}`}
        actions={
          <Group gap="sm">
            {spec.ownership !== 'site' ? <Badge variant="light">{organization}</Badge> : null}
            {spec.can.delete ? (
              <DeleteButton
                kind={kind}
                identity={{ owner, name, organization }}
                label={name}
                after={`/${kind}`}
                size="sm"
              />
            ) : null}
          </Group>
        }
      />
      {kind === 'users' ? <UserSectionNav t={t} /> : null}
      {kind === 'applications' ? (
        <ApplicationTabs
          initial={query.tab === 'quickstart' ? 'quickstart' : 'settings'}
          settings={form}
          quickStart={<QuickStart {...(await quickStartData(object))} />}
        />
      ) : kind === 'users' ? (
        <div id="profile" style={{ scrollMarginTop: 16 }}>
          {form}
        </div>
      ) : (
        form
      )}
      {kind === 'users' ? <UserSections owner={owner} name={name} object={object} /> : null}
      {kind === 'roles' ? (
        <Stack mt="lg">
          <RolePermissions
            permissions={await permissionsOfRole(owner, name)}
            title={t('authz.role_permissions')}
            help={t('authz.role_permissions_help')}
            none={t('authz.role_permissions_none')}
          />
          <TestAccessPanel
            target={{ owner }}
            help={t('authz.test_access_role')}
            subjectPlaceholder={`${owner}/alice`}
          />
        </Stack>
      ) : null}
      {kind === 'providers' && testableCategories.has(String(object.category ?? '')) ? (
        <Stack mt="lg">
          <TestMessagePanel
            provider={{ owner, name, displayName: String(object.displayName ?? ''), category: String(object.category) }}
          />
        </Stack>
      ) : null}
      {kind === 'webhooks' ? (
        <Stack mt="lg">
          <WebhookDeliveriesPanel
            id={`${owner}/${name}`}
            initial={await webhookDeliveries(`${owner}/${name}`)}
            canTest={Boolean(object.url)}
          />
        </Stack>
      ) : null}
      {kind === 'permissions' ? (
        <Stack mt="lg">
          <TestAccessPanel
            target={{ permissionId: `${owner}/${name}` }}
            help={t('authz.test_access_permission')}
            subjectPlaceholder={`${owner}/alice`}
          />
        </Stack>
      ) : null}
      {kind === 'models' ? (
        <Stack mt="lg">
          <TestAccessPanel
            target={{ modelId: `${owner}/${name}` }}
            help={t('authz.test_access_model')}
            subjectPlaceholder={`${owner}/alice`}
          />
        </Stack>
      ) : null}
      {kind === 'organizations' ? (
        <Stack mt="lg">
          <SignInExperiencePanel
            organization={name}
            displayName={displayName}
            initial={signInExperienceOf(object)}
            readOnly={!spec.can.edit}
          />
          <PasswordPolicyPanel
            organization={name}
            passwordOptions={textsOf(object.passwordOptions)}
            readOnly={!spec.can.edit}
          />
          {spec.can.edit ? (
            <MfaPolicyPanel
              organization={name}
              mfaItems={Array.isArray(object.mfaItems) ? (object.mfaItems as { name: string; rule: string }[]) : []}
            />
          ) : null}
        </Stack>
      ) : null}
    </>
  );
}

/**
 * The sections of a user's page after the profile: security (sign-in status, password, second
 * factors), roles and groups, sessions, tokens and activity, each read through the public API.
 */
async function UserSections({ owner, name, object }: { owner: string; name: string; object: Record<string, unknown> }) {
  const [t, language] = await Promise.all([getT(), getLanguage()]);
  const groups = Array.isArray(object.groups) ? object.groups.map(String) : [];
  const [access, sessions, tokens, records] = await Promise.all([
    userAccess(owner, name, groups),
    userSessions(owner, name),
    userTokens(owner, name),
    userRecords(owner, name),
  ]);
  const blocked = Boolean(object.isForbidden);
  const mustChange = Boolean(object.needUpdatePassword);
  return (
    <Stack mt="lg" gap="lg">
      <Stack id="security" gap="lg" style={{ scrollMarginTop: 16 }}>
        <UserSignInPanel
          key={`${blocked}-${mustChange}`}
          owner={owner}
          name={name}
          blocked={blocked}
          mustChange={mustChange}
          lastSignin={formatTime(language, object.lastSigninTime)}
          lastSigninIp={String(object.lastSigninIp ?? '')}
          lastPasswordChange={formatTime(language, object.lastChangePasswordTime)}
        />
        <SetPasswordForm owner={owner} name={name} />
        <UserMfaPanel owner={owner} name={name} preferredMfaType={String(object.preferredMfaType ?? '')} />
      </Stack>
      <UserAccessSection groups={groups} access={access} t={t} />
      <UserSessionsSection sessions={sessions} language={language} t={t} />
      <UserTokensSection tokens={tokens} language={language} t={t} />
      <UserActivitySection id={`${owner}/${name}`} records={records} language={language} t={t} />
    </Stack>
  );
}
