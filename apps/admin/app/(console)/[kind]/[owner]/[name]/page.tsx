import { Badge, Group, Stack } from '@mantine/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CredentialsPanel } from '@/components/applications/credentials-panel';
import { CertKeysPanel } from '@/components/certs/cert-keys-panel';
import { CopyField } from '@/components/common/copy-field';
import { PageHeader } from '@/components/common/page-header';
import { EmptyState, ErrorAlert, Forbidden } from '@/components/common/states';
import { InvitationPanel } from '@/components/invitations/invitation-panel';
import { DeleteButton } from '@/components/objects/delete-button';
import { ObjectForm } from '@/components/objects/object-form';
import { MfaPolicyPanel } from '@/components/organizations/mfa-policy-panel';
import { TestMessagePanel } from '@/components/providers/test-message-panel';
import { SetPasswordForm } from '@/components/users/set-password-form';
import { UserMfaPanel } from '@/components/users/user-mfa-panel';
import { WebhookDeliveriesPanel } from '@/components/webhooks/webhook-deliveries-panel';
import { saveObject } from '@/lib/actions/objects';
import type { WebhookDelivery } from '@/lib/actions/webhooks';
import { apiGet } from '@/lib/api';
import { publicOrigin } from '@/lib/env';
import { formValues } from '@/lib/form-values';
import { getT } from '@/lib/i18n/server';
import { getObject, organizationNames, referenceOptions } from '@/lib/objects';
import { publicKeyOf } from '@/lib/public-key';
import { isResourceKind, organizationFieldOf, organizationOf, resources } from '@/lib/resources';
import { testableCategories } from '@/lib/resources/provider-catalogue';
import { requireAccount } from '@/lib/session';

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
            endpoints={{
              authorize: `${publicOrigin}/login/oauth/authorize`,
              token: `${publicOrigin}/api/login/oauth/access_token`,
              discovery: `${publicOrigin}/.well-known/${encodeURIComponent(name)}/openid-configuration`,
            }}
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
        {kind === 'invitations' ? (
          <InvitationPanel id={`${owner}/${name}`} link={await invitationLink(object)} />
        ) : null}
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
      {kind === 'users' ? (
        <Stack mt="lg">
          <SetPasswordForm owner={owner} name={name} />
          <UserMfaPanel owner={owner} name={name} preferredMfaType={String(object.preferredMfaType ?? '')} />
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
      {kind === 'organizations' && spec.can.edit ? (
        <Stack mt="lg">
          <MfaPolicyPanel
            organization={name}
            mfaItems={Array.isArray(object.mfaItems) ? (object.mfaItems as { name: string; rule: string }[]) : []}
          />
        </Stack>
      ) : null}
    </>
  );
}
