'use client';

import { useActionState, useEffect } from 'react';
import { Alert, Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { updateProfile } from '../../lib/actions/account';
import { idleForm } from '../../lib/form-state';
import { useT } from '../i18n/i18n-provider';

export function ProfileForm({ user }: { user: Record<string, string> }) {
  const t = useT();
  const [state, action, pending] = useActionState(updateProfile, idleForm);
  useEffect(() => {
    if (state.savedAt) notifications.show({ color: 'teal', message: state.message });
  }, [state.savedAt, state.message]);
  const value = (name: string) => String(state.values?.[name] ?? user[name] ?? '');
  const field = (name: string, label: Parameters<typeof t>[0], type = 'text') => (
    <TextInput key={`${name}-${state.savedAt ?? 0}`} name={name} label={t(label)} defaultValue={value(name)} type={type} error={state.fieldErrors?.[name]} />
  );
  return (
    <form action={action} noValidate data-testid="profile-form">
      <Stack>
        {state.formError ? <Alert color="red" role="alert">{state.formError}</Alert> : null}
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
  );
}
