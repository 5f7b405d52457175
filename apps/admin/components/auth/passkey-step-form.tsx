'use client';

import { Alert, Button } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import { passkeyAnswer } from '@/lib/passkeys';

/**
 * The passkey of the authorization page's second step: the browser answers a challenge of the
 * pending sign-in, and the answer is posted to the endpoint as the passcode of `mfaType` webauthn,
 * with the page's hidden fields (`children`).
 */
export function PasskeyStepForm({ label, failed, children }: { label: string; failed: string; children: ReactNode }) {
  const form = useRef<HTMLFormElement>(null);
  const passcode = useRef<HTMLInputElement>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError('');
    const answer = await passkeyAnswer('?purpose=mfa');
    setBusy(false);
    if (!answer.ok || !passcode.current || !form.current) {
      setError((!answer.ok && answer.msg) || failed);
      return;
    }
    passcode.current.value = JSON.stringify(answer.data);
    form.current.requestSubmit();
  };
  return (
    <form ref={form} method="post" action="/login/oauth/authorize">
      {children}
      <input type="hidden" name="mfaType" value="webauthn" />
      <input ref={passcode} type="hidden" name="passcode" />
      {error ? (
        <Alert color="red" role="alert" mb="sm">
          {error}
        </Alert>
      ) : null}
      <Button
        variant="light"
        color="indigo"
        fullWidth
        size="md"
        leftSection={<IconFingerprint size={18} />}
        loading={busy}
        onClick={run}
        data-testid="authorize-passkey"
      >
        {label}
      </Button>
    </form>
  );
}
