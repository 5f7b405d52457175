'use client';

import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useActionState } from 'react';
import type { SignUpState } from '@/lib/actions/auth';
import { useT } from '../i18n/i18n-provider';

interface SignUpFormProps {
  action: (state: SignUpState, formData: FormData) => Promise<SignUpState>;
  /** The application, and what an invitation fills in. */
  initial: { application: string; invitationCode: string; username: string; email: string; phone: string };
}

/** The sign-up form: username, password, email, phone and invitation code, sent to POST /api/signup. */
export function SignUpForm({ action, initial }: SignUpFormProps) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const values = { ...initial, ...state.values };
  return (
    <form action={formAction} noValidate data-testid="signup-form">
      <Stack gap="md">
        {state.error ? (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="signup-error">
            {state.error}
          </Alert>
        ) : null}
        <input type="hidden" name="application" value={values.application} />
        <TextInput
          name="username"
          label={t('signin.username')}
          defaultValue={values.username}
          autoComplete="username"
          required
        />
        <PasswordInput name="password" label={t('signin.password')} autoComplete="new-password" required />
        <TextInput
          name="email"
          type="email"
          label={t('fields.email')}
          defaultValue={values.email}
          autoComplete="email"
        />
        <TextInput name="phone" type="tel" label={t('fields.phone')} defaultValue={values.phone} autoComplete="tel" />
        <TextInput
          name="invitationCode"
          label={t('signup.invitation_code')}
          defaultValue={values.invitationCode}
          data-testid="invitation-code"
        />
        <Button type="submit" loading={pending} fullWidth>
          {t('signup.submit')}
        </Button>
        <Anchor href="/login" size="sm" ta="center">
          {t('signup.signin')}
        </Anchor>
      </Stack>
    </form>
  );
}
