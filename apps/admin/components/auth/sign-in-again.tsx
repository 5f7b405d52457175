'use client';

import { Modal, Text } from '@mantine/core';
import { createContext, type ReactNode, type RefObject, useCallback, useContext, useEffect, useState } from 'react';
import { signIn } from '@/lib/actions/auth';
import type { FormState } from '@/lib/form-state';
import { useT } from '../i18n/i18n-provider';
import { SignInForm } from './sign-in-form';

/** Who was signed in when the page was drawn (organization/name), so that signing in again needs only the password. */
const SignedInAs = createContext<string>('');

export function SignedInAsProvider({ id, children }: { id: string; children: ReactNode }) {
  return <SignedInAs.Provider value={id}>{children}</SignedInAs.Provider>;
}

/**
 * When a form's action answers that the session has ended, asks for the password in a dialog and,
 * once signed in again, submits the same form once more: nothing that was typed is lost.
 */
export function SignInAgain({ state, form }: { state: FormState; form: RefObject<HTMLFormElement | null> }) {
  const t = useT();
  const signedInAs = useContext(SignedInAs);
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (state.signedOut) setOpened(true);
  }, [state]);
  const onSignedIn = useCallback(() => {
    setOpened(false);
    form.current?.requestSubmit();
  }, [form]);
  const [organization = '', username = ''] = signedInAs.split('/');
  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
      title={t('signin.again_title')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Text size="sm" mb="md">
        {t('signin.again_body')}
      </Text>
      {opened ? (
        <SignInForm
          action={signIn}
          organization={organization}
          username={username}
          onSignedIn={onSignedIn}
          submitLabel={t('signin.again_submit')}
        />
      ) : null}
    </Modal>
  );
}
