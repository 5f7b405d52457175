'use client';

import { Alert, Button, Checkbox, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useActionState } from 'react';
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
  /** The form starts at the second step (a sign-in at a provider that needs a second factor). */
  secondFactor?: SignInState['secondFactor'];
}

export function SignInForm({
  action,
  organization,
  next,
  hidden = {},
  fixedOrganization = false,
  submitLabel,
  secondFactor,
}: SignInFormProps) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, { organization, secondFactor });
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
        {state.secondFactor ? (
          <>
            <input type="hidden" name="step" value="second-factor" />
            <input type="hidden" name="organization" value={state.organization ?? organization} />
            <input type="hidden" name="username" value={state.username ?? ''} />
            <Title order={2} size="h4">
              {state.secondFactor.title}
            </Title>
            <Text size="sm">{state.secondFactor.hint}</Text>
            <TextInput
              label={state.secondFactor.passcodeLabel}
              name="passcode"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              autoFocus
              data-testid="signin-passcode"
            />
            <TextInput
              label={state.secondFactor.recoveryLabel}
              name="recoveryCode"
              autoComplete="off"
              autoCapitalize="characters"
            />
          </>
        ) : (
          <>
            <TextInput
              label={t('signin.organization')}
              name="organization"
              defaultValue={state.organization ?? organization}
              readOnly={fixedOrganization}
              autoComplete="organization"
              required
            />
            <TextInput
              label={t('signin.username')}
              name="username"
              defaultValue={state.username ?? ''}
              autoComplete="username"
              required
              autoFocus
            />
            <PasswordInput label={t('signin.password')} name="password" autoComplete="current-password" required />
            <Checkbox label={t('signin.remember')} name="remember" />
          </>
        )}
        <Button type="submit" loading={pending} fullWidth size="md">
          {state.secondFactor ? state.secondFactor.submit : (submitLabel ?? t('signin.submit'))}
        </Button>
      </Stack>
    </form>
  );
}
