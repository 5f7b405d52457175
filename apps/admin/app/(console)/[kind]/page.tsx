import { Button, Group, Paper, Stack } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ButtonLink } from '@/components/common/links';
import { PageHeader } from '@/components/common/page-header';
import { EmptyState, ErrorAlert, Forbidden } from '@/components/common/states';
import { ListPagination } from '@/components/objects/list-pagination';
import { ListToolbar } from '@/components/objects/list-toolbar';
import { ObjectTable } from '@/components/objects/object-table';
import { RecordFilters } from '@/components/records/record-filters';
import { UserSelection } from '@/components/users/user-selection';
import { UserTransfer } from '@/components/users/user-transfer';
import { getLanguage, getT } from '@/lib/i18n/server';
import { type ListState, listHref, readListState } from '@/lib/list-state';
import { listObjects } from '@/lib/objects';
import { fieldLabel, isResourceKind, offersCreate, type ResourceSpec, resources } from '@/lib/resources';
import { requireAccount, selectedOrganization } from '@/lib/session';

type Params = Promise<{ kind: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { kind } = await params;
  if (!isResourceKind(kind)) return {};
  return { title: (await getT())(`objects.${kind}.title`) };
}

async function ListBody({ spec, state, organization }: { spec: ResourceSpec; state: ListState; organization: string }) {
  const [t, language, result] = await Promise.all([getT(), getLanguage(), listObjects(spec, organization, state)]);
  if (!result.ok) return <ErrorAlert title={t('common.error_title')} message={result.msg} />;
  const rows = result.data ?? [];
  const total = typeof result.data2 === 'number' ? result.data2 : rows.length;
  if (rows.length === 0) {
    const objects = t(`objects.${spec.kind}.many`);
    return (
      <EmptyState
        searching={Boolean(state.value) || Object.keys(state.filters).length > 0}
        title={state.value || Object.keys(state.filters).length > 0 ? t('common.no_matches') : t('common.empty_title')}
        body={
          state.value ? t('common.empty_search', { objects, value: state.value }) : t('common.empty_body', { objects })
        }
        action={
          state.value ? (
            <ButtonLink
              href={listHref(spec.kind, state, { value: '', page: 1 })}
              variant="light"
              data-testid="clear-search"
            >
              {t('common.clear_search')}
            </ButtonLink>
          ) : undefined
        }
      />
    );
  }
  const table = (
    <ObjectTable
      spec={spec}
      rows={rows}
      state={state}
      language={language}
      t={t}
      oneOrganization={Boolean(organization)}
      selectable={spec.kind === 'users'}
    />
  );
  return (
    <>
      {spec.kind === 'users' ? (
        <UserSelection ids={rows.map((row) => `${row.owner}/${row.name}`)} organization={organization}>
          {table}
        </UserSelection>
      ) : (
        table
      )}
      <ListPagination kind={spec.kind} state={state} total={total} />
    </>
  );
}

/** The CSV of the records a list shows (all its pages): the same organization, search and filters. */
function recordsExportHref(organization: string, state: ListState): string {
  const query = new URLSearchParams();
  if (organization) query.set('owner', organization);
  if (state.value) {
    query.set('field', state.field);
    query.set('value', state.value);
  }
  for (const [name, value] of Object.entries(state.filters)) if (value) query.set(name, value);
  return `/api/export-records?${query}`;
}

/** Any object list: server-side pages, Casdoor's field/value search and sort, all kept in the URL. */
export default async function ListPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { kind } = await params;
  if (!isResourceKind(kind)) notFound();
  const account = await requireAccount();
  const t = await getT();
  if (!account.isAdmin)
    return (
      <Forbidden title={t('common.forbidden_title')} body={t('common.forbidden_body')} home={t('common.go_home')} />
    );
  const spec = resources[kind];
  const state = readListState(spec, await searchParams);
  const organization = await selectedOrganization(account);
  return (
    <Stack gap={0}>
      <PageHeader
        title={t(`objects.${kind}.title`)}
        description={t(`objects.${kind}.description`)}
        actions={
          <Group gap="sm">
            {kind === 'users' && organization ? (
              <UserTransfer organization={organization} isGlobalAdmin={account.isGlobalAdmin} />
            ) : null}
            {kind === 'records' ? (
              <Button
                component="a"
                href={recordsExportHref(organization, state)}
                download
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                data-testid="export-records"
              >
                {t('records.export_csv')}
              </Button>
            ) : offersCreate(spec, account) ? (
              <ButtonLink href={`/${kind}/new`} leftSection={<IconPlus size={16} />} data-testid="create-object">
                {t('common.new_object', { object: t(`objects.${kind}.one`) })}
              </ButtonLink>
            ) : null}
          </Group>
        }
      />
      <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }}>
        <Stack gap="md">
          <ListToolbar
            kind={kind}
            state={state}
            fields={spec.searchFields.map((name) => ({ name, label: fieldLabel(name) }))}
          />
          {kind === 'records' ? <RecordFilters kind={kind} state={state} /> : null}
          {/* Rendered with the page, not streamed behind a Suspense boundary: React could render a
              boundary in the browser while the server's copy still waited, hidden, to be revealed,
              so the page held the list twice for a moment. */}
          <ListBody spec={spec} state={state} organization={organization} />
        </Stack>
      </Paper>
    </Stack>
  );
}
