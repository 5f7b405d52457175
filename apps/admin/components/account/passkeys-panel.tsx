'use client';

import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFingerprint, IconPencil, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { formatTime } from '@/lib/format';
import { addPasskey, type PasskeyResult, type PasskeySummary, removePasskey, renamePasskey } from '@/lib/passkeys';
import { useI18n } from '../i18n/i18n-provider';
import { ConfirmButton } from '../objects/confirm-button';

/** The user's passkeys: add one with a name, rename, remove. */
export function PasskeysPanel({ passkeys }: { passkeys: PasskeySummary[] }) {
  const { t, language } = useI18n();
  const [list, setList] = useState(passkeys);
  const [name, setName] = useState('');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<{ id: string; name: string } | undefined>();

  /** Shows the outcome of a call, and takes the list it answered. */
  const settle = (result: PasskeyResult<PasskeySummary[]>, success: string, failure: string) => {
    notifications.show({ color: result.ok ? 'teal' : 'red', message: result.ok ? success : result.msg || failure });
    if (result.ok) setList(result.data);
    return result.ok;
  };
  const add = async () => {
    setAdding(true);
    try {
      if (settle(await addPasskey(name.trim()), t('passkeys.added'), t('passkeys.cancelled'))) setName('');
    } finally {
      setAdding(false);
    }
  };
  const saveName = async () => {
    if (!editing) return;
    if (settle(await renamePasskey(editing.id, editing.name), t('passkeys.renamed'), t('passkeys.unsupported')))
      setEditing(undefined);
  };

  return (
    <Stack data-testid="passkeys-panel">
      {list.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="no-passkeys">
          {t('passkeys.none')}
        </Text>
      ) : (
        <Stack gap="xs">
          {list.map((passkey) => (
            <Paper key={passkey.id} withBorder radius="md" p="sm" data-testid="passkey-row">
              <Group wrap="nowrap" justify="space-between">
                {editing?.id === passkey.id ? (
                  <Group gap="xs" wrap="nowrap" style={{ flex: 1 }}>
                    <TextInput
                      aria-label={t('passkeys.name')}
                      value={editing.name}
                      maxLength={100}
                      onChange={(event) => setEditing({ id: passkey.id, name: event.currentTarget.value })}
                      style={{ flex: 1 }}
                      data-testid="passkey-name-input"
                      autoFocus
                    />
                    <ActionIcon
                      variant="light"
                      color="teal"
                      aria-label={t('passkeys.save_name')}
                      onClick={saveName}
                      data-testid="save-passkey-name"
                    >
                      <IconCheck size={16} />
                    </ActionIcon>
                    <ActionIcon variant="subtle" aria-label={t('common.cancel')} onClick={() => setEditing(undefined)}>
                      <IconX size={16} />
                    </ActionIcon>
                  </Group>
                ) : (
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                    <IconFingerprint size={20} />
                    <div style={{ minWidth: 0 }}>
                      <Text fw={500} truncate data-testid="passkey-name">
                        {passkey.name || t('passkeys.unnamed')}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('passkeys.created', { time: formatTime(language, passkey.createdTime) })}
                        {' · '}
                        {passkey.lastUsedTime
                          ? t('passkeys.last_used', { time: formatTime(language, passkey.lastUsedTime) })
                          : t('passkeys.never_used')}
                      </Text>
                    </div>
                  </Group>
                )}
                {editing?.id === passkey.id ? null : (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      leftSection={<IconPencil size={14} />}
                      onClick={() => setEditing({ id: passkey.id, name: passkey.name })}
                    >
                      {t('passkeys.rename')}
                    </Button>
                    <ConfirmButton
                      size="xs"
                      label={t('passkeys.remove')}
                      title={t('passkeys.remove_confirm_title')}
                      body={t('passkeys.remove_confirm_body')}
                      confirmLabel={t('passkeys.remove')}
                      icon={<IconTrash size={14} />}
                      testId="remove-passkey"
                      onConfirm={async () => {
                        settle(await removePasskey(passkey.id), t('passkeys.removed'), t('passkeys.unsupported'));
                      }}
                    />
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Group align="flex-end">
        <TextInput
          label={t('passkeys.name')}
          placeholder={t('passkeys.name_placeholder')}
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.currentTarget.value)}
          data-testid="new-passkey-name"
        />
        <Button
          color="indigo"
          leftSection={<IconFingerprint size={16} />}
          loading={adding}
          onClick={add}
          data-testid="add-passkey"
        >
          {t('passkeys.add')}
        </Button>
      </Group>
    </Stack>
  );
}
