'use client';

import { Alert, Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useActionState, useEffect, useRef, useState } from 'react';
import { type ContactState, changeContact } from '@/lib/actions/contact';
import { useT } from '../i18n/i18n-provider';

/**
 * A new email address or phone number for the signed-in user, confirmed by the code sent to it
 * (send-verification-code with `reset`, then reset-email-or-phone).
 */
export function ContactForm({ email, phone }: { email: string; phone: string }) {
  const t = useT();
  const [state, action, pending] = useActionState<ContactState, FormData>(changeContact, {
    step: 'send',
    type: 'email',
  });
  const [type, setType] = useState<'email' | 'phone'>(state.type);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const root = form.current;
    if (!root || (!state.fieldErrors && !state.error && state.step !== 'code')) return;
    const target =
      root.querySelector<HTMLElement>('input[aria-invalid="true"]') ??
      root.querySelector<HTMLElement>('input[name="code"]');
    target?.focus();
  }, [state]);
  const errorProps = { 'data-testid': 'contact-field-error' };
  const current = type === 'email' ? email : phone;
  return (
    <form ref={form} action={action} noValidate data-testid="contact-form">
      <Stack gap="md">
        {state.error ? (
          <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
            {state.error}
          </Alert>
        ) : null}
        {state.notice ? (
          <Alert color="teal" role="status" data-testid="contact-notice">
            {state.notice}
          </Alert>
        ) : null}
        {state.step === 'send' ? (
          <>
            <input type="hidden" name="type" value={type} />
            <SegmentedControl
              value={type}
              onChange={(value) => setType(value === 'phone' ? 'phone' : 'email')}
              data={[
                { value: 'email', label: t('contact.email') },
                { value: 'phone', label: t('contact.phone') },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            <Text size="sm" c="dimmed" data-testid="contact-current">
              {t('contact.current', { value: current || t('contact.none') })}
            </Text>
            <TextInput
              key={`${type}-${state.savedAt ?? 0}`}
              label={t(type === 'email' ? 'contact.new_email' : 'contact.new_phone')}
              name="destination"
              type={type === 'email' ? 'email' : 'tel'}
              autoComplete={type === 'email' ? 'email' : 'tel'}
              defaultValue={state.savedAt ? '' : (state.destination ?? '')}
              error={state.fieldErrors?.destination}
              errorProps={errorProps}
              required
            />
            <Group justify="flex-end">
              <Button type="submit" loading={pending}>
                {t('contact.send')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <TextInput
              label={t('contact.code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              error={state.fieldErrors?.code}
              errorProps={errorProps}
              required
            />
            <Group justify="flex-end" gap="xs">
              {/* The confirmation first: Enter in the code field submits with the first button. */}
              <Button type="submit" loading={pending}>
                {t('contact.confirm')}
              </Button>
              <Button type="submit" name="intent" value="back" variant="default" disabled={pending}>
                {t('common.cancel')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}
