'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Alert, Button, Group, PasswordInput, SimpleGrid, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { changePassword } from '../../lib/actions/account';
import { idleForm } from '../../lib/form-state';
import { useT } from '../i18n/i18n-provider';

export function PasswordForm() {
  const t = useT();
  const form = useRef<HTMLFormElement>(null);
  const [state, action, pending] = useActionState(changePassword, idleForm);
  useEffect(() => {
    if (!state.savedAt) return;
    notifications.show({ color: 'teal', message: state.message });
    form.current?.reset();
  }, [state.savedAt, state.message]);
  return (
    <form action={action} ref={form} noValidate data-testid="password-form">
      <Stack>
        {state.formError ? <Alert color="red" role="alert">{state.formError}</Alert> : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <PasswordInput name="oldPassword" label={t('account.current_password')} autoComplete="current-password" error={state.fieldErrors?.oldPassword} />
          <PasswordInput name="newPassword" label={t('account.new_password')} autoComplete="new-password" error={state.fieldErrors?.newPassword} />
          <PasswordInput name="repeatPassword" label={t('account.repeat_password')} autoComplete="new-password" error={state.fieldErrors?.repeatPassword} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={pending}>
            {t('account.change_password')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
