'use client';

import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { type ReactNode, useActionState, useEffect, useRef } from 'react';
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
  return { state, action: formAction, pending, form };
}

/** The API's error for the whole form, at its top. */
export function FormError({ state, testId }: { state: FormState; testId?: string }): ReactNode {
  if (!state.formError) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert" data-testid={testId}>
      {state.formError}
    </Alert>
  );
}
