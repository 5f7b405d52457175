'use client';

import { Button, Group, Stack, TextInput } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useT } from '../i18n/i18n-provider';

/**
 * A second factor's set-up form: what the factor needs first (`children`: a QR code, a "Send code"
 * button), then the code that proves it works, Cancel and Turn on.
 */
export function SetupForm({
  onSubmit,
  onCancel,
  pending,
  codeLabel,
  codeDescription,
  codeError,
  onCodeChange,
  testId,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  pending: boolean;
  codeLabel: string;
  codeDescription?: string;
  codeError: string;
  onCodeChange: () => void;
  /** The form is `<testId>-form`, the code field `<testId>-code`. */
  testId: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <form onSubmit={onSubmit} noValidate data-testid={`${testId}-form`}>
      <Stack gap="md">
        {children}
        <TextInput
          name="passcode"
          label={codeLabel}
          description={codeDescription}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          error={codeError || undefined}
          onChange={onCodeChange}
          maw={260}
          data-testid={`${testId}-code`}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            {t('security.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('security.turn_on')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
