'use client';

import {
  Alert,
  Button,
  FileInput,
  Group,
  Menu,
  MenuDropdown,
  MenuItem,
  MenuTarget,
  Modal,
  ScrollArea,
  Stack,
  Table,
  TableTbody,
  TableTd,
  TableTh,
  TableThead,
  TableTr,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconUpload } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-provider';

interface RejectedRow {
  row: number;
  name: string;
  msg: string;
}

/** The answer of upload-users: the users added, or (nothing written) every row that was wrong. */
interface ImportAnswer {
  status?: string;
  msg?: string;
  data?: { added?: string[]; skipped?: string[]; rejected?: RejectedRow[] } | null;
}

/** The largest file offered to the API (its own limit, LATCHKEY_UPLOAD_LIMIT, is 10 MiB by default). */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const exportHref = (organization: string, secrets: boolean) =>
  `/api/export-users?${new URLSearchParams({ owner: organization, ...(secrets ? { secrets: '1' } : {}) }).toString()}`;

/**
 * Import and export of an organization's users as CSV, straight through the public API with the
 * browser's own session: export-users downloads, upload-users takes a file (all or nothing) and
 * names every bad row by its line.
 */
export function UserTransfer({ organization, isGlobalAdmin }: { organization: string; isGlobalAdmin: boolean }) {
  const { t, language } = useI18n();
  const router = useRouter();
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [rejected, setRejected] = useState<RejectedRow[]>([]);

  const close = () => {
    setOpened(false);
    setFile(null);
    setError('');
    setRejected([]);
  };

  const submit = async () => {
    if (!file) return;
    setError('');
    setRejected([]);
    if (file.size > MAX_FILE_BYTES) {
      setError(t('users.import_too_large'));
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const response = await fetch(`/api/upload-users?${new URLSearchParams({ owner: organization }).toString()}`, {
        method: 'POST',
        body: form,
        headers: { accept: 'application/json', 'accept-language': language },
        credentials: 'same-origin',
      });
      const answer = (await response.json().catch(() => ({}))) as ImportAnswer;
      if (answer.status !== 'ok') {
        setError(answer.msg || t('common.error_title'));
        setRejected(answer.data?.rejected ?? []);
        return;
      }
      notifications.show({
        color: 'teal',
        message: t('users.import_done', {
          added: answer.data?.added?.length ?? 0,
          skipped: answer.data?.skipped?.length ?? 0,
        }),
      });
      close();
      router.refresh();
    } catch {
      setError(t('common.error_title'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Group gap={0} wrap="nowrap">
        <Button
          component="a"
          href={exportHref(organization, false)}
          download
          variant="default"
          leftSection={<IconDownload size={16} />}
          data-testid="export-users"
          style={isGlobalAdmin ? { borderTopRightRadius: 0, borderBottomRightRadius: 0 } : undefined}
        >
          {t('users.export')}
        </Button>
        {isGlobalAdmin ? (
          <Menu position="bottom-end">
            <MenuTarget>
              <Button
                variant="default"
                px={8}
                aria-label={t('users.export_options')}
                style={{ borderTopLeftRadius: 0, borderBottomLeftRadius: 0, borderLeftWidth: 0 }}
              >
                <IconChevronDown size={16} />
              </Button>
            </MenuTarget>
            <MenuDropdown>
              <MenuItem component="a" href={exportHref(organization, true)} download data-testid="export-users-secrets">
                {t('users.export_with_secrets')}
              </MenuItem>
            </MenuDropdown>
          </Menu>
        ) : null}
      </Group>
      <Button
        variant="default"
        leftSection={<IconUpload size={16} />}
        onClick={() => setOpened(true)}
        data-testid="import-users"
      >
        {t('users.import')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={t('users.import_title', { organization })}
        centered
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('users.import_help')}
          </Text>
          <FileInput
            label={t('users.import_file')}
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={setFile}
            clearable
            data-testid="import-file"
          />
          {error ? (
            <Alert color="red" variant="light" role="alert" title={error} data-testid="import-error">
              {rejected.length > 0 ? (
                <ScrollArea.Autosize mah={260}>
                  <Table verticalSpacing={4} data-testid="import-rejected">
                    <TableThead>
                      <TableTr>
                        <TableTh>{t('users.import_line')}</TableTh>
                        <TableTh>{t('fields.name')}</TableTh>
                        <TableTh>{t('users.import_problem')}</TableTh>
                      </TableTr>
                    </TableThead>
                    <TableTbody>
                      {rejected.map((row) => (
                        <TableTr key={row.row} data-testid="import-rejected-row">
                          <TableTd>{row.row}</TableTd>
                          <TableTd>{row.name}</TableTd>
                          <TableTd>{row.msg}</TableTd>
                        </TableTr>
                      ))}
                    </TableTbody>
                  </Table>
                </ScrollArea.Autosize>
              ) : null}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button onClick={submit} loading={busy} disabled={!file} data-testid="import-submit">
              {t('users.import_submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
