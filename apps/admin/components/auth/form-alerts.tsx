'use client';

import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/**
 * A step form's refusal and its notice (a code sent, a new captcha), at the top of the form. The
 * refusal takes the focus when nothing else in error does (`data-form-error`); the test ids are
 * `<testId>-error` and `<testId>-notice`.
 */
export function FormAlerts({ error, notice, testId }: { error?: string; notice?: string; testId: string }) {
  return (
    <>
      {error ? (
        <Alert
          color="red"
          icon={<IconAlertCircle size={18} />}
          role="alert"
          tabIndex={-1}
          data-form-error
          data-testid={`${testId}-error`}
        >
          {error}
        </Alert>
      ) : null}
      {notice ? (
        <Alert color="teal" role="status" data-testid={`${testId}-notice`}>
          {notice}
        </Alert>
      ) : null}
    </>
  );
}
