'use client';

import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { updateProfile } from '@/lib/actions/account';
import { SignInAgain } from '../auth/sign-in-again';
import { FormError, useFormAction } from '../common/form-action';
import { useT } from '../i18n/i18n-provider';

export function ProfileForm({ user }: { user: Record<string, string> }) {
  const t = useT();
  const { state, action, pending, form } = useFormAction(updateProfile);
  const value = (name: string) => String(state.values?.[name] ?? user[name] ?? '');
  const field = (name: string, label: Parameters<typeof t>[0], type = 'text') => (
    <TextInput
      key={`${name}-${state.savedAt ?? 0}`}
      name={name}
      label={t(label)}
      defaultValue={value(name)}
      type={type}
      error={state.fieldErrors?.[name]}
    />
  );
  return (
    <>
      <SignInAgain state={state} form={form} />
      <form action={action} ref={form} noValidate data-testid="profile-form">
        <Stack>
          <FormError state={state} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field('displayName', 'fields.display_name')}
            {field('email', 'fields.email', 'email')}
            {field('firstName', 'fields.first_name')}
            {field('lastName', 'fields.last_name')}
            {field('phone', 'fields.phone', 'tel')}
            {field('affiliation', 'fields.affiliation')}
            {field('title', 'fields.title')}
            {field('avatar', 'fields.avatar', 'url')}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={pending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
