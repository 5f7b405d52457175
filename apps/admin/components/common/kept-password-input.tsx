'use client';

import { PasswordInput } from '@mantine/core';
import { useT } from '../i18n/i18n-provider';

/** A password field whose value a form keeps with useKeptFields, with its error from the action's answer. */
export function KeptPasswordInput<N extends string>({
  name,
  kept: [values, set],
  label,
  autoComplete,
  error,
}: {
  name: N;
  kept: readonly [Record<N, string>, (name: N, value: string) => void];
  label: string;
  autoComplete: 'current-password' | 'new-password';
  error?: string;
}) {
  return (
    <PasswordInput
      name={name}
      value={values[name]}
      onChange={(event) => set(name, event.currentTarget.value)}
      label={label}
      autoComplete={autoComplete}
      error={error}
    />
  );
}

type NewPasswordName = 'newPassword' | 'repeatPassword';

/** A new password and the same again (an account's own, or one an administrator sets). */
export function NewPasswordInputs({
  kept,
  errors,
}: {
  kept: readonly [Record<NewPasswordName, string>, (name: NewPasswordName, value: string) => void];
  errors?: Record<string, string>;
}) {
  const t = useT();
  return (
    <>
      <KeptPasswordInput
        name="newPassword"
        kept={kept}
        label={t('account.new_password')}
        autoComplete="new-password"
        error={errors?.newPassword}
      />
      <KeptPasswordInput
        name="repeatPassword"
        kept={kept}
        label={t('account.repeat_password')}
        autoComplete="new-password"
        error={errors?.repeatPassword}
      />
    </>
  );
}
