'use client';

import { Alert, Anchor, Loader, Stack, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { completeProviderCallback, type ProviderAnswer } from '@/lib/actions/federation';

interface ProviderCallbackProps {
  answer: ProviderAnswer;
  texts: { title: string; back: string };
}

/** Completes the sign-in once, as soon as the page shows; on success the server action redirects. */
export function ProviderCallback({ answer, texts }: ProviderCallbackProps) {
  const [error, setError] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeProviderCallback(answer).then((result) => setError(result?.error));
  }, [answer]);
  return (
    <Stack gap="md" data-testid="provider-callback">
      <Title order={1} size="h3">
        {texts.title}
      </Title>
      {error ? (
        <>
          <Alert color="red" role="alert" data-testid="callback-error">
            {error}
          </Alert>
          <Anchor href="/login">{texts.back}</Anchor>
        </>
      ) : (
        <Loader size="sm" />
      )}
    </Stack>
  );
}
