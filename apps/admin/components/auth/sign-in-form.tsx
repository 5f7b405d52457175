'use client';

import { Alert, Button, Checkbox, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertCircle, IconFingerprint } from '@tabler/icons-react';
import { useActionState, useRef, useState } from 'react';
import type { SignInState } from '@/lib/actions/auth';
import { type PasskeyResult, passWithPasskey, signInWithPasskey } from '@/lib/passkeys';
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

export function SignInForm({
  action,
  organization,
  next,
  hidden = {},
  fixedOrganization = false,
  submitLabel,
}: SignInFormProps) {
  const t = useT();
  const [state, formAction, pending] = useActionState(action, { organization });
  const form = useRef<HTMLFormElement>(null);
  const [passkeyError, setPasskeyError] = useState('');
  const [passkeyBusy, setPasskeyBusy] = useState(false);
  // Passkeys sign in to the console itself; a sign-in for an OAuth application keeps to its own form.
  const passkeysOffered = Object.keys(hidden).length === 0;
  const runPasskey = async (run: () => Promise<PasskeyResult<string>>) => {
    setPasskeyBusy(true);
    setPasskeyError('');
    try {
      const result = await run();
      if (result.ok) {
        window.location.assign(next ?? '/');
        return;
      }
      setPasskeyError(result.msg || t('signin.passkey_failed'));
    } finally {
      setPasskeyBusy(false);
    }
  };
  const typedOrganization = () =>
    String(new FormData(form.current ?? undefined).get('organization') ?? '').trim() || organization;
  const error = passkeyError || state.error;
  const secondFactor = state.secondFactor;
  return (
    <form ref={form} action={formAction} noValidate>
      <Stack gap="md">
        {error ? (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid="signin-error">
            {error}
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
            <input
              type="hidden"
              name="offered"
              value={[state.secondFactor.code ? 'app' : '', state.secondFactor.passkey ? 'webauthn' : ''].join(' ')}
            />
            {state.secondFactor.passkey && passkeysOffered ? (
              <Button
                variant="light"
                color="indigo"
                leftSection={<IconFingerprint size={18} />}
                loading={passkeyBusy}
                onClick={() => runPasskey(passWithPasskey)}
                data-testid="signin-passkey-second-factor"
              >
                {state.secondFactor.passkey}
              </Button>
            ) : null}
            {state.secondFactor.code ? (
              <>
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
              </>
            ) : null}
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
          {secondFactor ? secondFactor.submit : (submitLabel ?? t('signin.submit'))}
        </Button>
        {!secondFactor && passkeysOffered ? (
          <>
            <Divider />
            <Button
              variant="default"
              fullWidth
              size="md"
              leftSection={<IconFingerprint size={18} />}
              loading={passkeyBusy}
              onClick={() => runPasskey(() => signInWithPasskey(typedOrganization()))}
              data-testid="signin-passkey"
            >
              {t('signin.passkey')}
            </Button>
          </>
        ) : null}
      </Stack>
    </form>
  );
}
