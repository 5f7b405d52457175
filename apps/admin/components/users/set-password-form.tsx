'use client';

import { Button, Checkbox, Group, SimpleGrid } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { setUserPassword } from '@/lib/actions/account';
import { SignInAgain } from '../auth/sign-in-again';
import { FormError, useFormAction, useKeptFields } from '../common/form-action';
import { NewPasswordInputs } from '../common/kept-password-input';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';

/** On a user's page: an administrator gives the user a new password. */
export function SetPasswordForm({ owner, name }: { owner: string; name: string }) {
  const t = useT();
  const { state, action, pending, form } = useFormAction(setUserPassword.bind(null, owner, name));
  const kept = useKeptFields(['newPassword', 'repeatPassword'], state.savedAt);
  return (
    <Section title={t('users.set_password')} help={t('users.set_password_help')}>
      <SignInAgain state={state} form={form} />
      <form action={action} ref={form} noValidate data-testid="set-password-form">
        <FormError state={state} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt={state.formError ? 'md' : 0}>
          <NewPasswordInputs kept={kept} errors={state.fieldErrors} />
        </SimpleGrid>
        <Group justify="space-between" mt="md">
          <Checkbox
            name="requireChange"
            label={t('users.require_change')}
            data-testid="require-change"
            key={state.savedAt ?? 0}
          />
          <Button type="submit" variant="light" loading={pending} leftSection={<IconLock size={16} />}>
            {t('users.set_password_submit')}
          </Button>
        </Group>
      </form>
    </Section>
  );
}
