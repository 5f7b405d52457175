'use client';

import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { createAccessKey, deleteAccessKey } from '@/lib/actions/account';
import { CopyField } from '../common/copy-field';
import { useT } from '../i18n/i18n-provider';
import { ConfirmButton } from '../objects/confirm-button';

/** The user's access key and secret: create (or replace), show, copy, delete. */
export function AccessKeyPanel({
  accessKey,
  accessSecret,
  otherKeys = [],
}: {
  accessKey: string;
  accessSecret: string;
  /** Access keys of the keys page that act for this user (their secrets are shown there, to administrators). */
  otherKeys?: { name: string; accessKey: string }[];
}) {
  const t = useT();
  const [keys, setKeys] = useState({ accessKey, accessSecret });
  const create = async () => {
    const result = await createAccessKey();
    notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
    if (result.ok) setKeys({ accessKey: result.accessKey ?? '', accessSecret: result.accessSecret ?? '' });
  };
  return (
    <Stack data-testid="access-key-panel">
      {keys.accessKey ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CopyField label={t('fields.access_key')} value={keys.accessKey} testId="access-key" />
          <CopyField label={t('fields.access_secret')} value={keys.accessSecret} secret testId="access-secret" />
        </SimpleGrid>
      ) : otherKeys.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="no-access-key">
          {t('account.no_key')}
        </Text>
      ) : null}
      {otherKeys.length > 0 ? (
        <Stack gap="xs" data-testid="other-access-keys">
          <Text size="sm">{t('account.other_keys')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {otherKeys.map((key) => (
              <CopyField key={key.name} label={key.name} value={key.accessKey} testId={`other-key-${key.name}`} />
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}
      <Group>
        {keys.accessKey ? (
          <>
            <ConfirmButton
              size="sm"
              color="orange"
              label={t('account.replace_key')}
              title={t('account.replace_key_confirm_title')}
              body={t('account.replace_key_confirm_body')}
              confirmLabel={t('account.replace_key')}
              icon={<IconKey size={16} />}
              onConfirm={create}
            />
            <ConfirmButton
              size="sm"
              label={t('account.delete_key')}
              title={t('account.delete_key_confirm_title')}
              body={t('account.delete_key_confirm_body')}
              confirmLabel={t('account.delete_key')}
              icon={<IconTrash size={16} />}
              testId="delete-access-key"
              onConfirm={async () => {
                const result = await deleteAccessKey();
                notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
                if (result.ok) setKeys({ accessKey: '', accessSecret: '' });
              }}
            />
          </>
        ) : (
          <ConfirmButton
            size="sm"
            color="indigo"
            variant="filled"
            label={t('account.create_key')}
            title={t('account.create_key')}
            body={t('account.keys_help')}
            confirmLabel={t('account.create_key')}
            icon={<IconKey size={16} />}
            testId="create-access-key"
            onConfirm={create}
          />
        )}
      </Group>
    </Stack>
  );
}
