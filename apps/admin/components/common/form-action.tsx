'use client';

import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { type ReactNode, useActionState, useEffect, useRef, useState } from 'react';
import { type FormState, idleForm } from '@/lib/form-state';

export interface FormActionOptions {
  /** Empty the form after each success (password fields). */
  resetOnSave?: boolean;
  /** Said on success when the action says nothing. */
  savedMessage?: string;
}

/**
 * A form bound to a server action: its state, the action for `<form action>`, whether it is
 * running, and a ref for the form. Each success is announced (and the form emptied when asked).
 */
export function useFormAction(
  action: (state: FormState, formData: FormData) => Promise<FormState>,
  { resetOnSave = false, savedMessage }: FormActionOptions = {},
) {
  const form = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState(action, idleForm);
  useEffect(() => {
    if (!state.savedAt) return;
    notifications.show({ color: 'teal', message: state.message ?? savedMessage });
    if (resetOnSave) form.current?.reset();
  }, [state.savedAt, state.message, savedMessage, resetOnSave]);
  // A refused submit puts the focus where the person has to act: the first field in error, else the message.
  useEffect(() => {
    if (!state.fieldErrors && !state.formError) return;
    const target =
      // Mantine marks a field in error with aria-invalid, a password field with data-invalid.
      form.current?.querySelector<HTMLElement>(
        ':is(input, textarea)[aria-invalid="true"], :is(input, textarea)[data-invalid="true"]',
      ) ?? form.current?.querySelector<HTMLElement>('[data-form-error]');
    target?.focus();
  }, [state]);
  return { state, action: formAction, pending, form };
}

/** The API's error for the whole form, at its top. */
export function FormError({ state, testId }: { state: FormState; testId?: string }): ReactNode {
  if (!state.formError) return null;
  return (
    <Alert
      color="red"
      icon={<IconAlertCircle size={18} />}
      role="alert"
      data-testid={testId}
      data-form-error
      tabIndex={-1}
    >
      {state.formError}
    </Alert>
  );
}

/**
 * Fields whose values the form keeps itself (React empties a form's own inputs after every submit):
 * what was typed stays after a refusal and is emptied after a success.
 */
export function useKeptFields<N extends string>(names: readonly N[], savedAt: number | undefined) {
  const empty = () => Object.fromEntries(names.map((name) => [name, ''])) as Record<N, string>;
  const [values, setValues] = useState(empty);
  // biome-ignore lint/correctness/useExhaustiveDependencies: emptied once per success, whatever the names.
  useEffect(() => {
    if (savedAt) setValues(empty());
  }, [savedAt]);
  const set = (name: N, value: string) => setValues((current) => ({ ...current, [name]: value }));
  return [values, set] as const;
}
