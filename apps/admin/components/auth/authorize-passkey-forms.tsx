'use client';

import { Alert, Button, Divider, Stack, Text } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import {
  addPasskey,
  passkeyAnswer,
  passkeyAutofillAnswer,
  passkeysUsableHere,
  stopPasskeyRequest,
} from '@/lib/passkeys';

/**
 * The passkey of the authorization page's sign-in form (action `passkey`, with the page's hidden
 * fields as `children`): its button, and the browser's autofill of the username (a conditional
 * request that waits from the page's load; the button or the password form stops it). The
 * browser's answer is posted to the endpoint, which checks it as webauthn/signin/finish does.
 */
export function PasskeySignInForm({
  label,
  failed,
  or,
  children,
}: {
  label: string;
  failed: string;
  or: string;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const answerField = useRef<HTMLInputElement>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const post = (answer: unknown) => {
    if (!answerField.current || !form.current) return;
    answerField.current.value = JSON.stringify(answer);
    form.current.requestSubmit();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: each round starts a new autofill request on purpose.
  useEffect(() => {
    let current = true;
    const password = document.querySelector('form[data-password-signin]');
    const stop = () => stopPasskeyRequest();
    password?.addEventListener('submit', stop);
    passkeyAutofillAnswer().then((answer) => {
      if (!current) return;
      if (answer.ok) post(answer.data);
      else if (answer.msg) setError(answer.msg);
    });
    return () => {
      current = false;
      password?.removeEventListener('submit', stop);
      stopPasskeyRequest();
    };
  }, [round]);
  const run = async () => {
    setBusy(true);
    setError('');
    const answer = await passkeyAnswer('');
    setBusy(false);
    if (answer.ok) {
      post(answer.data);
      return;
    }
    setError(answer.msg || failed);
    // The button's request stopped the autofill's: it waits again.
    setRound((value) => value + 1);
  };
  return (
    <form ref={form} method="post" action="/login/oauth/authorize">
      {children}
      <input ref={answerField} type="hidden" name="passkey" />
      <Stack gap="md">
        <Divider label={or} labelPosition="center" />
        {error ? (
          <Alert color="red" role="alert" data-testid="signin-error">
            {error}
          </Alert>
        ) : null}
        <Button
          variant="default"
          fullWidth
          size="md"
          leftSection={<IconFingerprint size={18} />}
          loading={busy}
          onClick={run}
          data-testid="authorize-signin-passkey"
        >
          {label}
        </Button>
      </Stack>
    </form>
  );
}

/**
 * A passkey as the second factor the authorization page's sign-in requires (in place of the
 * authenticator app): the browser makes it, it is added to the account within the pending sign-in,
 * and the form (action `mfa`, the page's hidden fields as `children`) then completes the sign-in.
 * Shown only where the browser can make a passkey for this site.
 */
export function PasskeyEnrolForm({
  label,
  hint,
  name,
  failed,
  or,
  children,
}: {
  label: string;
  hint: string;
  name: string;
  failed: string;
  or: string;
  children: ReactNode;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [usable, setUsable] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setUsable(passkeysUsableHere()), []);
  if (!usable) return null;
  const run = async () => {
    setBusy(true);
    setError('');
    const added = await addPasskey(name);
    setBusy(false);
    if (!added.ok) {
      setError(added.msg || failed);
      return;
    }
    form.current?.requestSubmit();
  };
  return (
    <form ref={form} method="post" action="/login/oauth/authorize">
      {children}
      <Stack gap="sm">
        {error ? (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        ) : null}
        <Text size="sm">{hint}</Text>
        <Button
          variant="light"
          color="indigo"
          fullWidth
          size="md"
          leftSection={<IconFingerprint size={18} />}
          loading={busy}
          onClick={run}
          data-testid="authorize-enrol-passkey"
        >
          {label}
        </Button>
        <Divider label={or} labelPosition="center" />
      </Stack>
    </form>
  );
}
