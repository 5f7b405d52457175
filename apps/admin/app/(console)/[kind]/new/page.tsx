import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/common/page-header';
import { Forbidden } from '@/components/common/states';
import { ObjectForm } from '@/components/objects/object-form';
import { saveObject } from '@/lib/actions/objects';
import { formValues } from '@/lib/form-values';
import { getT } from '@/lib/i18n/server';
import { organizationNames, referenceOptions } from '@/lib/objects';
import { isResourceKind, offersCreate, organizationFieldOf, resources } from '@/lib/resources';
import { requireAccount, selectedOrganization } from '@/lib/session';

type Params = Promise<{ kind: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { kind } = await params;
  if (!isResourceKind(kind)) return {};
  const t = await getT();
  return { title: t('common.new_object', { object: t(`objects.${kind}.one`) }) };
}

export default async function NewObjectPage({ params }: { params: Params }) {
  const { kind } = await params;
  if (!isResourceKind(kind) || !resources[kind].can.create) notFound();
  const account = await requireAccount();
  const t = await getT();
  if (!account.isAdmin || !offersCreate(resources[kind], account))
    return (
      <Forbidden title={t('common.forbidden_title')} body={t('common.forbidden_body')} home={t('common.go_home')} />
    );
  const spec = resources[kind];
  const organizations = await organizationNames(account);
  const organization = (await selectedOrganization(account)) || account.user.owner;
  const options = referenceOptions(spec, organizations);
  const initial = formValues(spec.fields, { ...spec.defaults, owner: organization, organization });
  return (
    <>
      <PageHeader
        title={t('common.new_object', { object: t(`objects.${kind}.one`) })}
        description={t(`objects.${kind}.description`)}
      />
      <ObjectForm
        mode="create"
        kind={kind}
        fields={[...spec.fields]}
        organizationField={organizationFieldOf(spec)}
        initial={initial}
        options={options}
        action={saveObject.bind(null, kind, '')}
        cancelHref={`/${kind}`}
      />
    </>
  );
}
