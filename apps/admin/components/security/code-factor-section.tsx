'use client';

import { Alert, Badge, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconMail, IconMessage, IconSend } from '@tabler/icons-react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { type CodeSetup, confirmCodeSetup, sendSetupCode, startCodeSetup } from '@/lib/actions/mfa';
import { Section } from '../common/section';
import { useT } from '../i18n/i18n-provider';
import { ShownRecoveryCodes } from './recovery-codes';
import { SetupForm } from './setup-form';

/** Texts of the API's `mfa` messages, translated by the page (they take where the codes go). */
export interface CodeFactorTexts {
  title: string;
  /** "Enter the 6-digit code sent … to {destination}", with `{destination}` left for the set-up's. */
  hint: string;
  sendCode: string;
  codeSent: string;
  codeLabel: string;
}

/**
 * Codes by email or text message as the signed-in user's second factor: set up by proving the
 * account's own address (or number) with a code sent there ("Send code", then the code), then on.
 * Turning it off is turning two-step verification off (the authenticator section).
 */
export function CodeFactorSection({
  type,
  enabled,
  texts,
}: {
  type: 'email' | 'sms';
  enabled: boolean;
  texts: CodeFactorTexts;
}) {
  const t = useT();
  const router = useRouter();
  const [setup, setSetup] = useState<CodeSetup | null>(null);
  const [sent, setSent] = useState(false);
  const [codeError, setCodeError] = useState('');
  const [error, setError] = useState('');
  const [shownCodes, setShownCodes] = useState<string[] | null>(null);
  const [pending, startTransition] = useTransition();
  const destination = setup?.destination ?? '';
  const fill = (text: string) => text.replace('{destination}', destination);

  const begin = () =>
    startTransition(async () => {
      setError('');
      setSent(false);
      const started = await startCodeSetup(type);
      if (!started.ok) setError(started.message);
      else setSetup(started);
    });

  const send = () =>
    startTransition(async () => {
      setCodeError('');
      const result = await sendSetupCode(type, destination);
      if (!result.ok) setCodeError(result.message);
      setSent(result.ok);
    });

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const passcode = String(new FormData(event.currentTarget).get('passcode') ?? '');
    startTransition(async () => {
      const result = await confirmCodeSetup(type, passcode);
      if (!result.ok) {
        if (result.field) setCodeError(result.message);
        else setError(result.message);
        return;
      }
      setCodeError('');
      setShownCodes(setup?.recoveryCodes ?? []);
      setSetup(null);
      notifications.show({ color: 'teal', message: result.message });
      router.refresh();
    });
  };

  const Icon = type === 'email' ? IconMail : IconMessage;
  return (
    <Section
      title={texts.title}
      help={t(type === 'email' ? 'security.email_help' : 'security.sms_help')}
      testId={`${type}-codes-section`}
    >
      <Group gap="xs">
        <Badge
          variant="light"
          color={enabled ? 'teal' : 'gray'}
          leftSection={<Icon size={14} />}
          data-testid={`${type}-codes-status`}
        >
          {enabled ? t('security.status_on') : t('security.status_off')}
        </Badge>
      </Group>
      {error ? (
        <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
          {error}
        </Alert>
      ) : null}
      {shownCodes ? (
        <ShownRecoveryCodes
          codes={shownCodes}
          onSaved={() => setShownCodes(null)}
          testId={`${type}-recovery-codes-panel`}
        />
      ) : null}
      {!enabled && !setup && !shownCodes ? (
        <Group>
          <Button onClick={begin} loading={pending} leftSection={<Icon size={16} />} data-testid={`${type}-set-up`}>
            {t(type === 'email' ? 'security.set_up_email' : 'security.set_up_sms')}
          </Button>
        </Group>
      ) : null}
      {setup ? (
        <SetupForm
          onSubmit={confirm}
          onCancel={() => setSetup(null)}
          pending={pending}
          codeLabel={texts.codeLabel}
          codeError={codeError}
          onCodeChange={() => setCodeError('')}
          testId={`${type}-setup`}
        >
          <Text size="sm">{fill(texts.hint)}</Text>
          {sent ? (
            <Alert color="green" role="status" data-testid={`${type}-code-sent`}>
              {fill(texts.codeSent)}
            </Alert>
          ) : null}
          <Group>
            <Button
              variant="light"
              onClick={send}
              loading={pending}
              leftSection={<IconSend size={16} />}
              data-testid={`${type}-send-code`}
            >
              {texts.sendCode}
            </Button>
          </Group>
        </SetupForm>
      ) : null}
    </Section>
  );
}
