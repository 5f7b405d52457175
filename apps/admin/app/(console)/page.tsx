import {
  Grid,
  GridCol,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  TableScrollContainer,
  TableTbody,
  TableTd,
  TableTh,
  TableThead,
  TableTr,
  Text,
  Title,
} from '@mantine/core';
import { IconApps, IconBuilding, IconDeviceDesktop, IconUsers } from '@tabler/icons-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AnchorLink } from '@/components/common/links';
import { PageHeader } from '@/components/common/page-header';
import { ErrorAlert } from '@/components/common/states';
import { ActivityChart, type ActivityDay } from '@/components/dashboard/activity-chart';
import { StatCard } from '@/components/dashboard/stat-card';
import { OutcomeBadge } from '@/components/objects/outcome-badge';
import { apiGet } from '@/lib/api';
import { formatTime, recordCaller } from '@/lib/format';
import { getLanguage, getT } from '@/lib/i18n/server';
import { requireAccount, selectedOrganization } from '@/lib/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('dashboard.title') };
}

interface Dashboard {
  users: number;
  applications: number;
  organizations: number;
  activeSessions: number;
  days: ActivityDay[];
}

interface RecordRow {
  name: string;
  createdTime: string;
  user: string;
  method: string;
  action: string;
  requestUri: string;
  statusCode: number;
  object: string;
  response: string;
}

export default async function DashboardPage() {
  const account = await requireAccount();
  if (!account.isAdmin) redirect('/account');
  const [t, language, organization] = await Promise.all([getT(), getLanguage(), selectedOrganization(account)]);
  const [dashboard, records] = await Promise.all([
    apiGet<Dashboard>('/api/get-dashboard', { organization }),
    apiGet<RecordRow[] | null>('/api/get-records', {
      owner: organization,
      organization,
      p: 1,
      pageSize: 8,
      sortField: 'createdTime',
      sortOrder: 'descend',
    }),
  ]);
  const recent = records.ok ? (records.data ?? []) : [];
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('dashboard.title')}
        description={t('dashboard.welcome', { name: account.user.displayName || account.user.name })}
      />
      {!dashboard.ok ? (
        <ErrorAlert title={t('common.error_title')} message={dashboard.msg} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
            <StatCard
              label={t('dashboard.users')}
              value={dashboard.data.users}
              icon={IconUsers}
              href="/users"
              color="indigo"
            />
            <StatCard
              label={t('dashboard.applications')}
              value={dashboard.data.applications}
              icon={IconApps}
              href="/applications"
              color="cyan"
            />
            <StatCard
              label={t('dashboard.organizations')}
              value={dashboard.data.organizations}
              icon={IconBuilding}
              href="/organizations"
              color="grape"
            />
            <StatCard
              label={t('dashboard.active_sessions')}
              value={dashboard.data.activeSessions}
              icon={IconDeviceDesktop}
              href="/sessions"
              color="teal"
            />
          </SimpleGrid>
          <Grid gap="md">
            <GridCol span={{ base: 12, lg: 7 }}>
              <Paper withBorder radius="lg" p="md" h="100%">
                <Title order={2} size="h4">
                  {t('dashboard.activity')}
                </Title>
                <Text size="sm" c="dimmed" mb="md">
                  {t('dashboard.activity_help')}
                </Text>
                <ActivityChart days={dashboard.data.days} />
              </Paper>
            </GridCol>
            <GridCol span={{ base: 12, lg: 5 }}>
              <Paper withBorder radius="lg" p="md" h="100%">
                <Group justify="space-between" mb="sm">
                  <Title order={2} size="h4">
                    {t('dashboard.recent_records')}
                  </Title>
                  <AnchorLink href="/records" size="sm">
                    {t('dashboard.see_all')}
                  </AnchorLink>
                </Group>
                {recent.length === 0 ? (
                  <Text c="dimmed" size="sm" py="lg" ta="center">
                    {t('dashboard.no_records')}
                  </Text>
                ) : (
                  <TableScrollContainer minWidth={360}>
                    <Table verticalSpacing={6} fz="sm">
                      <TableThead>
                        <TableTr>
                          <TableTh>{t('records.time')}</TableTh>
                          <TableTh>{t('records.caller')}</TableTh>
                          <TableTh>{t('fields.action')}</TableTh>
                          <TableTh>{t('records.outcome')}</TableTh>
                        </TableTr>
                      </TableThead>
                      <TableTbody>
                        {recent.map((record) => (
                          <TableTr key={record.name}>
                            <TableTd>{formatTime(language, record.createdTime)}</TableTd>
                            <TableTd style={{ whiteSpace: 'nowrap' }}>{recordCaller(record)}</TableTd>
                            <TableTd style={{ whiteSpace: 'nowrap' }}>{record.action || record.requestUri}</TableTd>
                            <TableTd>
                              <OutcomeBadge record={record} t={t} />
                            </TableTd>
                          </TableTr>
                        ))}
                      </TableTbody>
                    </Table>
                  </TableScrollContainer>
                )}
              </Paper>
            </GridCol>
          </Grid>
        </>
      )}
    </Stack>
  );
}
