'use client';

import { PasswordInput } from '@mantine/core';

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
