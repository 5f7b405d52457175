'use client';

import { Button, Group, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { type FormEvent, useState, useTransition } from 'react';
import { sendTestMessage } from '@/lib/actions/providers';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';

interface TestMessagePanelProps {
  provider: { owner: string; name: string; displayName: string; category: string };
}

/** Sends a test email or text message through a saved provider, to an address or number typed here. */
export function TestMessagePanel({ provider }: TestMessagePanelProps) {
  const t = useT();
  const [receiver, setReceiver] = useState('');
  const [sending, startSending] = useTransition();
  const sms = provider.category === 'SMS';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!receiver.trim()) return;
    startSending(async () => {
      const result = await sendTestMessage(provider, receiver);
      notifications.show({ color: result.ok ? 'teal' : 'red', message: result.message });
    });
  };
  return (
    <Section title={t('provider_form.test_title')} help={t('provider_form.test_help')} testId="provider-test">
      <form onSubmit={submit} noValidate>
        <Group align="flex-end" wrap="wrap" gap="sm">
          <TextInput
            label={sms ? t('provider_form.test_phone') : t('provider_form.test_email')}
            type={sms ? 'tel' : 'email'}
            autoComplete="off"
            value={receiver}
            onChange={(event) => setReceiver(event.currentTarget.value)}
            style={{ flex: '1 1 14rem' }}
            data-testid="provider-test-receiver"
          />
          <Button
            type="submit"
            leftSection={<IconSend size={16} />}
            loading={sending}
            disabled={!receiver.trim()}
            data-testid="provider-test-send"
          >
            {t('provider_form.test_send')}
          </Button>
        </Group>
      </form>
    </Section>
  );
}
