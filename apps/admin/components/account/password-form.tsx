'use client';

import { Button, Group, SimpleGrid, Stack } from '@mantine/core';
import { changePassword } from '@/lib/actions/account';
import { SignInAgain } from '../auth/sign-in-again';
import { FormError, useFormAction, useKeptFields } from '../common/form-action';
import { KeptPasswordInput, NewPasswordInputs } from '../common/kept-password-input';
import { useT } from '../i18n/i18n-provider';

export function PasswordForm() {
  const t = useT();
  const { state, action, pending, form } = useFormAction(changePassword);
  const kept = useKeptFields(['oldPassword', 'newPassword', 'repeatPassword'], state.savedAt);
  return (
    <>
      <SignInAgain state={state} form={form} />
      <form action={action} ref={form} noValidate data-testid="password-form">
        <Stack>
          <FormError state={state} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <KeptPasswordInput
              name="oldPassword"
              kept={kept}
              label={t('account.current_password')}
              autoComplete="current-password"
              error={state.fieldErrors?.oldPassword}
            />
            <NewPasswordInputs kept={kept} errors={state.fieldErrors} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              {t('account.change_password')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
