'use client';

import type { Language } from '@latchkey/i18n';
import {
  ActionIcon,
  Code,
  Drawer,
  Group,
  Stack,
  Table,
  TableTbody,
  TableTd,
  TableTh,
  TableTr,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconListDetails } from '@tabler/icons-react';
import { formatTime, maskSecrets, recordCaller } from '@/lib/format';
import type { ObjectRow } from '@/lib/objects';
import { useT } from '../i18n/i18n-provider';
import { OutcomeBadge } from '../objects/outcome-badge';

/** A recorded body or answer, laid out when it is JSON, with any secret left in it masked. */
function Recorded({ text, empty }: { text: string; empty: string }) {
  if (!text)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: '40vh', overflow: 'auto' }}>
      {maskSecrets(text)}
    </Code>
  );
}

/** A button that opens one record in a drawer: who, what, when, from where, the request's body and the answer. */
export function RecordDetails({ record, language }: { record: ObjectRow; language: Language }) {
  const t = useT();
  const [opened, { open, close }] = useDisclosure(false);
  const narrow = useMediaQuery('(max-width: 36em)');
  const time = formatTime(language, record.createdTime);
  const action = String(record.action ?? '');
  const facts: [string, string][] = [
    [t('records.time'), time],
    [t('records.caller'), recordCaller(record)],
    [t('fields.method'), String(record.method ?? '')],
    [t('fields.action'), action],
    [t('fields.request_uri'), String(record.requestUri ?? '')],
    [t('fields.status_code'), String(record.statusCode ?? '')],
    [t('fields.client_ip'), String(record.clientIp ?? '')],
  ];
  return (
    <>
      <Tooltip label={t('records.details')}>
        <ActionIcon
          variant="subtle"
          onClick={open}
          aria-label={t('records.details_label', { action, time })}
          data-testid="record-details"
        >
          <IconListDetails size={18} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size={narrow ? '100%' : 'lg'}
        title={
          <Group gap="sm">
            <Title order={2} size="h4">
              {t('records.details_title')}
            </Title>
            <OutcomeBadge record={record} t={t} />
          </Group>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
        data-testid="record-drawer"
      >
        <Stack gap="md">
          <Table variant="vertical" layout="fixed" withTableBorder>
            <TableTbody>
              {facts.map(([label, value]) => (
                <TableTr key={label}>
                  <TableTh w={{ base: 110, xs: 160 }}>{label}</TableTh>
                  <TableTd style={{ wordBreak: 'break-word' }}>{value}</TableTd>
                </TableTr>
              ))}
            </TableTbody>
          </Table>
          <Stack gap={6}>
            <Title order={3} size="h5">
              {t('records.request')}
            </Title>
            <Recorded text={String(record.object ?? '')} empty={t('records.no_body')} />
          </Stack>
          <Stack gap={6}>
            <Title order={3} size="h5">
              {t('records.answer')}
            </Title>
            <Recorded text={String(record.response ?? '')} empty={t('records.no_body')} />
          </Stack>
          <Text size="xs" c="dimmed">
            {t('records.secrets_note')}
          </Text>
        </Stack>
      </Drawer>
    </>
  );
}
