'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Alert, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { setUserPassword } from '../../lib/actions/account';
import { idleForm } from '../../lib/form-state';
import { useT } from '../i18n/i18n-provider';

/** On a user's page: an administrator gives the user a new password. */
export function SetPasswordForm({ owner, name }: { owner: string; name: string }) {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState(setUserPassword.bind(null, owner, name), idleForm);
  useEffect(() => {
    if (!state.savedAt) return;
    notifications.show({ color: 'teal', message: state.message });
    form.current?.reset();
  }, [state.savedAt, state.message]);
  return (
    <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }} component="section">
      <form action={action} ref={form} noValidate data-testid="set-password-form">
        <Stack gap="md">
          <div>
            <Title order={2} size="h4">
              {t('users.set_password')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('users.set_password_help')}
            </Text>
          </div>
          {state.formError ? (
            <Alert color="red" role="alert">
              {state.formError}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <PasswordInput name="newPassword" label={t('account.new_password')} autoComplete="new-password" error={state.fieldErrors?.newPassword} />
            <PasswordInput name="repeatPassword" label={t('account.repeat_password')} autoComplete="new-password" error={state.fieldErrors?.repeatPassword} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" variant="light" loading={pending} leftSection={<IconLock size={16} />}>
              {t('users.set_password_submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
