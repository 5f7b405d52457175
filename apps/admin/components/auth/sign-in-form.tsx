'use client';

import { useActionState } from 'react';
import { Alert, Button, Checkbox, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { SignInState } from '@/lib/actions/auth';
import { useT } from '../i18n/i18n-provider';

interface SignInFormProps {
  action: (state: SignInState, formData: FormData) => Promise<SignInState>;
  organization: string;
  next?: string;
  /** Hidden fields of an OAuth request, passed back to the action. */
  hidden?: Record<string, string>;
  fixedOrganization?: boolean;
  submitLabel?: string;
}

export function SignInForm({ action, organization, next, hidden = {}, fixedOrganization = false, submitLabel }: SignInFormProps) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, { organization });
  return (
    <form action={formAction} noValidate>
      <Stack gap="md">
        {state.error ? (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="signin-error">
            {state.error}
          </Alert>
        ) : null}
        {next ? <input type="hidden" name="next" value={next} /> : null}
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <TextInput
          label={t('signin.organization')}
          name="organization"
          defaultValue={state.organization ?? organization}
          readOnly={fixedOrganization}
          autoComplete="organization"
          required
        />
        <TextInput label={t('signin.username')} name="username" defaultValue={state.username ?? ''} autoComplete="username" required autoFocus />
        <PasswordInput label={t('signin.password')} name="password" autoComplete="current-password" required />
        <Checkbox label={t('signin.remember')} name="remember" />
        <Button type="submit" loading={pending} fullWidth size="md">
          {submitLabel ?? t('signin.submit')}
        </Button>
      </Stack>
    </form>
  );
}
